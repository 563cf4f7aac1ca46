public enum LifeVersion { public static let current = "0.1.0" }

import Foundation
import Trace

/// The `life` command: parses arguments and hands off to the libraries.
public enum LifeCommand {
  /// Runs the command with the process arguments and exits.
  public static func main() -> Never {
    print("life \(LifeVersion.current)")
    exit(0)
  }
}

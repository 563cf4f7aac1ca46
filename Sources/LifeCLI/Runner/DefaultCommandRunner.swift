/// The runner `life` uses: each subcommand's body lives in its own
/// `DefaultCommandRunner+<Command>.swift`.
struct DefaultCommandRunner: CommandRunner {}

import Dispatch
import Foundation
import PracticumApp

// The executable only wires the process to the app: arguments, streams, signals.
var context = AppContext.process()
context.onInterrupt = { announce in
    // Progress is saved after every choice, so Ctrl-C only has to say so and leave.
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
        announce()
        exit(ExitCode.interrupted)
    }
    source.resume()
    InterruptSource.keep(source)
}
exit(Practicum.run(Array(CommandLine.arguments.dropFirst()), context: &context))

import Foundation
import PracticumApp

// The executable only wires the process to the app: arguments, streams, Ctrl-C.
var context = AppContext.process()
context.onInterrupt = { InterruptSource.install(notice: $0) }
exit(Practicum.run(Array(CommandLine.arguments.dropFirst()), context: &context))

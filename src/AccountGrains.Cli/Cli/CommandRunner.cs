using System.CommandLine;
using Grpc.Core;

namespace AccountGrains.Cli;

/// <summary>
/// Runs a command's body with its session and turns every failure into one line on stderr and its exit code
/// (<see cref="ExitCodes"/>): no stack trace reaches an operator's terminal.
/// </summary>
internal static class CommandRunner
{
    public static void Handle(this Command command, Func<ParseResult, Session, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                using var session = Session.From(parse);
                return await body(parse, session, ct);
            }
            catch (Exception e)
            {
                return Fail(e, ct);
            }
        });

    public static int Fail(Exception e, CancellationToken ct)
    {
        switch (e)
        {
            case CliUsageException:
                Error(e.Message);
                return ExitCodes.Usage;
            case RpcException rpc when rpc.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested:
            case OperationCanceledException when ct.IsCancellationRequested:
                Error("interrupted");
                return ExitCodes.Interrupted;
            case RpcException rpc:
                Error(ExitCodes.Describe(rpc));
                return ExitCodes.For(rpc.StatusCode);
            case IOException or UnauthorizedAccessException:
                Error(e.Message);
                return ExitCodes.Usage;
            default:
                Error($"{e.GetType().Name}: {e.Message}");
                return ExitCodes.ServerError;
        }
    }

    public static void Error(string line) => Console.Error.WriteLine("acctctl: " + line.ReplaceLineEndings(" "));
}

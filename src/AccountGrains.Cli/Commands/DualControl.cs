using AccountGrains.Contracts.V1;
using Grpc.Core;

namespace AccountGrains.Cli.Commands;

/// <summary>
/// An Unlock or RevokeVerification under dual control opens a pending request instead of acting (decision 0013): for a
/// bulk run the account is not done, so it is a failure with the request named (in the failures file), and a re-run
/// replays the same request rather than opening another.
/// </summary>
internal static class DualControl
{
    public static void ThrowIfPending(PendingRequest? pending)
    {
        if (pending is not null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, Describe(pending)));
        }
    }

    public static string Describe(PendingRequest pending) =>
        $"dual control: request {pending.RequestId} opened, it needs a second agent's approval (acctctl does not approve)";
}

using System.Runtime.CompilerServices;
using AccountGrains.Client.Internal;
using AccountGrains.Contracts.V1;
using Grpc.Core;

namespace AccountGrains.Client;

public sealed partial class AccountIntegrityClient
{
    private static readonly TimeSpan FirstReconnectPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestReconnectPause = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Every committed event (or those <paramref name="filter"/> keeps) after <paramref name="afterPosition"/>, in commit
    /// order, then live; it ends only when <paramref name="cancellationToken"/> is cancelled (then it throws
    /// <see cref="OperationCanceledException"/>) or the server refuses (<see cref="RpcException"/>: PERMISSION_DENIED,
    /// INVALID_ARGUMENT...). When the stream breaks with UNAVAILABLE (a silo stopping, the network) it reconnects with
    /// backoff (100 ms doubling to 5 s) and resumes after the last position it yielded: no event is missed or repeated.
    /// No deadline applies. Save <see cref="AccountEvent.Position"/> to resume after a restart.
    /// </summary>
    /// <param name="afterPosition">Start after this log position; 0 from the beginning.</param>
    /// <param name="filter">Event types and accounts to keep; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    /// <returns>The events, as they commit.</returns>
    public async IAsyncEnumerable<AccountEvent> WatchEventsAsync(long afterPosition = 0, EventFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var position = afterPosition;
        var pause = FirstReconnectPause;
        while (true)
        {
            var request = new WatchEventsRequest { AfterPosition = position, Filter = filter };
            using var call = _once.WatchEvents(request, new CallOptions(cancellationToken: cancellationToken));
            var events = call.ResponseStream;
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNext(cancellationToken).ConfigureAwait(false);
                }
                catch (RpcException e) when (IsReconnectable(e) && !cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                if (!more)
                {
                    // The server never ends a watch by itself; an end without an error is a stopping server.
                    break;
                }

                position = events.Current.Position;
                pause = FirstReconnectPause;
                yield return events.Current;
            }

            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < LongestReconnectPause ? pause * 2 : LongestReconnectPause;
        }
    }

    private static bool IsReconnectable(RpcException e) =>
        e.StatusCode == StatusCode.Unavailable || (e.StatusCode == StatusCode.Internal && CallerInterceptor.ClosedGracefully(e.Status.DebugException));
}

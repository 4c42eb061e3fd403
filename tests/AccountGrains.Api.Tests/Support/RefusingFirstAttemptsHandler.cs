using System.Net.Sockets;

namespace AccountGrains.Api.Tests.Support;

/// <summary>
/// Sends requests to the real silo, but fails the first <c>failures</c> attempts as a refused connection would,
/// before anything reaches the server: the client sees UNAVAILABLE, exactly as when a silo is restarting.
/// </summary>
public sealed class RefusingFirstAttemptsHandler(int failures) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _attempts;

    /// <summary>Attempts the client made, refused ones included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        return attempt <= failures
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused (simulated)", new SocketException((int)SocketError.ConnectionRefused)))
            : base.SendAsync(request, cancellationToken);
    }
}

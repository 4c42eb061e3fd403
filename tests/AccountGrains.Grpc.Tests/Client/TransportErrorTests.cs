using AccountGrains.Grpc.Client.Internal;

namespace AccountGrains.Grpc.Tests.Client;

/// <summary>How transport failures become statuses: what a caller may retry, and what it may not.</summary>
public sealed class TransportErrorTests
{
    [Theory]
    [InlineData(0x0, StatusCode.Unavailable)] // the server closed the connection gracefully (GOAWAY): not processed
    [InlineData(0x7, StatusCode.Unavailable)] // REFUSED_STREAM
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0xb, StatusCode.ResourceExhausted)]
    [InlineData(0xc, StatusCode.PermissionDenied)]
    [InlineData(0x1, StatusCode.Internal)] // PROTOCOL_ERROR
    [InlineData(0x2, StatusCode.Internal)] // INTERNAL_ERROR
    public void Http2Error_MapsToTheStatusPROTOCOLHTTP2Names(long errorCode, StatusCode expected)
    {
        var error = new HttpProtocolException(errorCode, "test", null);

        Assert.Equal(expected, TransportErrors.ToStatus(new HttpRequestException("send failed", error))?.StatusCode);
        Assert.Equal(expected, TransportErrors.ToStatus(new IOException("read failed", error))?.StatusCode);
    }

    [Fact]
    public void ConnectionRefused_IsUnavailable() =>
        Assert.Equal(StatusCode.Unavailable, TransportErrors.ToStatus(new HttpRequestException("Connection refused"))?.StatusCode);
}

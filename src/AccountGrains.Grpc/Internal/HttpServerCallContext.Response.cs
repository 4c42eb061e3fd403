using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AccountGrains.Grpc.Internal;

/// <summary>The response side of a call: headers, messages, and the status that always ends it.</summary>
internal sealed partial class HttpServerCallContext
{
    private string? _responseCompression;
    private ICompressionProvider? _headerEncoding;
    private bool _headersSent;
    private bool _ended;
    private object? _abortStatus;

    public override string? ResponseCompression
    {
        get => _responseCompression;
        set => _responseCompression = value;
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        await EnterAsync().ConfigureAwait(false);
        try
        {
            ThrowIfEnded();
            if (_headersSent)
            {
                throw new InvalidOperationException("The response headers were already sent.");
            }

            MetadataHeaders.Write(_http.Response.Headers, responseHeaders, allowStatusDetails: false);
            SendHeaders();
            await _http.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    /// <summary>Buffers the single response of a unary or client-streaming call; Kestrel sends it with the trailers.</summary>
    public ValueTask WriteSingleResponseAsync<T>(T message)
        where T : IMessage<T>
    {
        if (_writeLock is null)
        {
            ThrowIfEnded();
            WriteMessage(message);
            return ValueTask.CompletedTask;
        }

        return WriteLockedAsync(message, flush: false);
    }

    /// <summary>Sends one message of a response stream.</summary>
    public ValueTask WriteStreamMessageAsync<T>(T message)
        where T : IMessage<T> => WriteLockedAsync(message, flush: true);

    /// <summary>Sends the status (in trailers, or Trailers-Only when nothing was sent), unless the call already ended.</summary>
    public ValueTask EndCallAsync()
    {
        if (_writeLock is null)
        {
            EndCall();
            return ValueTask.CompletedTask;
        }

        return EndCallLockedAsync();
    }

    /// <summary>Turns a handler's exception into the call's status.</summary>
    public void SetStatusFromException(Exception exception)
    {
        if (WasAborted)
        {
            return;
        }

        switch (exception)
        {
            case RpcException rpc:
                Status = rpc.Status;
                foreach (var entry in rpc.Trailers)
                {
                    ResponseTrailers.Add(entry);
                }

                GrpcServerLog.CallFailed(_runtime.Logger, _method, rpc.StatusCode, rpc.Status.Detail);
                break;
            case OperationCanceledException or IOException when _http.RequestAborted.IsCancellationRequested:
                Status = new Status(StatusCode.Cancelled, "The call was cancelled by the client.");
                break;
            default:
                GrpcServerLog.HandlerException(_runtime.Logger, _method, exception);
                Status = new Status(
                    StatusCode.Unknown,
                    _runtime.Options.EnableDetailedErrors ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}" : "Exception was thrown by handler.");
                break;
        }
    }

    /// <summary>The status the call ended with (the abort's, if the deadline or shutdown ended it).</summary>
    public Status FinalStatus => Volatile.Read(ref _abortStatus) is Status aborted ? aborted : Status;

    private bool EndEarly(Status status)
    {
        _ended = true;
        Status = status;
        WriteStatus(status);
        return false;
    }

    private async ValueTask WriteLockedAsync<T>(T message, bool flush)
        where T : IMessage<T>
    {
        await EnterAsync().ConfigureAwait(false);
        try
        {
            ThrowIfEnded();
            WriteMessage(message);
            if (flush)
            {
                await _http.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    private async ValueTask EndCallLockedAsync()
    {
        await _writeLock!.WaitAsync().ConfigureAwait(false);
        try
        {
            EndCall();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void EndCall()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        WriteStatus(FinalStatus);
    }

    private async Task AbortAsync(Status status)
    {
        if (Interlocked.CompareExchange(ref _abortStatus, status, null) is not null)
        {
            return;
        }

        try
        {
            _cts?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return; // the call finished meanwhile
        }

        var gate = _writeLock!;
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            WriteStatus(status);
            await _http.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ObjectDisposedException)
        {
            GrpcServerLog.CompleteFailed(_runtime.Logger, _method, ex);
            _http.Abort();
        }
        finally
        {
            gate.Release();
        }
    }

    private Task EnterAsync() => _writeLock?.WaitAsync() ?? Task.CompletedTask;

    private void ThrowIfEnded()
    {
        if (_ended)
        {
            throw new InvalidOperationException("The call has already ended.");
        }
    }

    private void WriteMessage<T>(T message)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size > _runtime.Options.MaxSendMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size."));
        }

        SendHeaders();
        var writer = _http.Response.BodyWriter;
        var provider = _headerEncoding is { } chosen && string.Equals(_responseCompression, chosen.EncodingName, StringComparison.Ordinal) ? chosen : null;
        if (provider is null)
        {
            var span = writer.GetSpan(GrpcProtocol.MessagePrefixLength + size);
            MessageFraming.WritePrefix(span, compressed: false, size);
            message.WriteTo(span.Slice(GrpcProtocol.MessagePrefixLength, size));
            writer.Advance(GrpcProtocol.MessagePrefixLength + size);
        }
        else
        {
            var compressed = MessageCompression.Compress(provider, message.ToByteArray(), _runtime.Options.ResponseCompressionLevel);
            MessageFraming.Write(writer, compressed, compressed: true);
        }
    }

    /// <summary>Fixes the response headers (content type, encoding); they go out with the first flush.</summary>
    private void SendHeaders()
    {
        if (_headersSent)
        {
            return;
        }

        _headersSent = true;
        var response = _http.Response;
        response.ContentType = GrpcProtocol.ContentType;
        if (_responseCompression is { } name
            && _runtime.Compression.TryGetValue(name, out var provider)
            && MetadataHeaders.ListContains(_http.Request.Headers.GrpcAcceptEncoding, name))
        {
            _headerEncoding = provider;
            response.Headers.GrpcEncoding = name;
        }
    }

    private void WriteStatus(Status status)
    {
        var response = _http.Response;
        IHeaderDictionary target;
        if (!_headersSent && !response.HasStarted)
        {
            // Trailers-Only: the status rides in the only HEADERS frame, which ends the stream.
            response.ContentType = GrpcProtocol.ContentType;
            target = response.Headers;
        }
        else if (_http.Features.Get<IHttpResponseTrailersFeature>() is { } feature)
        {
            target = feature.Trailers;
        }
        else
        {
            return;
        }

        target.GrpcStatus = GrpcServerRuntime.StatusText(status.StatusCode);
        if (status.Detail.Length > 0)
        {
            target.GrpcMessage = PercentEncoding.Encode(status.Detail);
        }

        if (_responseTrailers is { Count: > 0 } trailers)
        {
            MetadataHeaders.Write(target, trailers, allowStatusDetails: true);
        }
    }
}

using Google.Protobuf;

namespace AccountGrains.Grpc.Client.Internal;

/// <summary>
/// One call from start to status: attempts (retried while uncommitted, gRFC A6), the response headers, the message
/// stream, and the final status. Every failure ends in exactly one <see cref="RpcException"/> that later reads rethrow.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : ICallState<TResponse>
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>, new()
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly RequestFactory _request;
    private readonly bool _safeToRetry;
    private readonly CallScope _scope;
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private HttpResponseMessage? _response;
    private MessageReader<TResponse>? _reader;
    private (Status Status, Metadata Trailers)? _trailersOnly;
    private Status? _status;
    private Metadata? _trailers;
    private RpcException? _failure;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, RequestFactory request, in CallOptions options)
    {
        _channel = channel;
        _method = method;
        _request = request;
        _safeToRetry = options.IsSafeToRetry;
        var time = channel.Options.TimeProvider;
        _scope = new CallScope(options.CancellationToken, channel.ShutdownToken, Deadlines.Resolve(options, channel.Options.DefaultTimeout, time), time);
    }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public bool LastMessageCompressed => _reader?.LastMessageCompressed ?? false;

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not finished yet.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call has not finished yet.");

    /// <summary>Sends the request until an attempt commits (headers that are not Trailers-Only) or the call fails.</summary>
    public async Task StartAsync()
    {
        try
        {
            if (_channel.Options.MaxSendMessageSize is { } max && _request.MessageLength > max)
            {
                throw new RpcException(new Status(
                    StatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({_request.MessageLength} > {max} bytes)."));
            }

            for (var attempt = 1; ; attempt++)
            {
                var (status, trailers) = await AttemptAsync().ConfigureAwait(false);
                if (status is null)
                {
                    return;
                }

                if (status.Value.StatusCode == StatusCode.Unavailable && CanRetry(attempt))
                {
                    var delay = RetryBackoff.Delay(_channel.Options.Retry, attempt, Random.Shared.NextDouble());
                    await Task.Delay(delay, _channel.Options.TimeProvider, _scope.Token).ConfigureAwait(false);
                    continue;
                }

                if (trailers is null)
                {
                    throw new RpcException(status.Value);
                }

                // A Trailers-Only response: its one header block serves as both headers and trailers.
                _headers.TrySetResult(trailers);
                _trailersOnly = (status.Value, trailers);
                return;
            }
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }
    }

    /// <summary>Reads the single message of a unary call and its status.</summary>
    public async Task<TResponse> ReadUnaryAsync()
    {
        try
        {
            var message = await ReadMessageAsync().ConfigureAwait(false);
            if (message is not null && await ReadMessageAsync().ConfigureAwait(false) is not null)
            {
                throw new RpcException(new Status(StatusCode.Internal, "A unary call received more than one response message."));
            }

            var (status, trailers) = EndOfStream();
            if (status.StatusCode == StatusCode.OK && message is null)
            {
                status = new Status(StatusCode.Internal, "A unary call ended with OK but no response message.");
            }

            Complete(status, trailers);
            return message!;
        }
        catch (Exception ex) when (_status is null)
        {
            throw Fail(ex);
        }
    }

    public async ValueTask<TResponse?> ReadNextAsync(CancellationToken cancellationToken)
    {
        if (_status is { } done)
        {
            return done.StatusCode == StatusCode.OK ? default : throw _failure!;
        }

        // The caller's read token ends the whole call, as cancelling the call would.
        using var registration = cancellationToken.Register(static scope => ((CallScope)scope!).Cancel(), _scope);
        try
        {
            var message = await ReadMessageAsync().ConfigureAwait(false);
            if (message is not null)
            {
                return message;
            }

            var (status, trailers) = EndOfStream();
            Complete(status, trailers);
            return default;
        }
        catch (Exception ex) when (_status is null)
        {
            throw Fail(ex);
        }
    }

    /// <summary>Cancels the call unless it already finished.</summary>
    public void Dispose()
    {
        if (_status is null)
        {
            _scope.Cancel();
            Fail(new OperationCanceledException());
        }
    }

    /// <summary>One attempt: no status once it commits; otherwise the status, with the Trailers-Only metadata
    /// (<see langword="null"/> when no response came at all).</summary>
    private async Task<(Status? Status, Metadata? Trailers)> AttemptAsync()
    {
        if (_scope.Remaining is { } remaining && remaining <= TimeSpan.Zero)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded before the call was sent."));
        }

        HttpResponseMessage? response = null;
        try
        {
            response = await _channel.Invoker.SendAsync(_request.CreateAttempt(_scope.Remaining), _scope.Token).ConfigureAwait(false);
            if (ResponseStatus.FromHeaders(response) is { } decided)
            {
                var trailers = ResponseStatus.ToMetadata(response.Headers);
                response.Dispose();
                return (decided, trailers);
            }

            var encoding = response.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out var values) ? values.FirstOrDefault() : null;
            var body = await response.Content.ReadAsStreamAsync(_scope.Token).ConfigureAwait(false);
            lock (_gate)
            {
                _response = response;
            }

            _reader = new MessageReader<TResponse>(body, _method.ResponseParser, encoding, _channel.Options.CompressionProviders, _channel.Options.MaxReceiveMessageSize);
            _headers.TrySetResult(ResponseStatus.ToMetadata(response.Headers));
            return (null, Metadata.Empty);
        }
        catch (Exception ex) when (!_scope.IsEnded && TransportErrors.ToStatus(ex) is { } transport)
        {
            response?.Dispose();
            return (transport, null);
        }
    }

    private bool CanRetry(int attempt) => _safeToRetry && attempt < _channel.Options.Retry.MaxAttempts && !_scope.IsEnded;

    private async ValueTask<TResponse?> ReadMessageAsync() =>
        _reader is null ? default : await _reader.ReadAsync(_scope.Token).ConfigureAwait(false);

    private (Status Status, Metadata Trailers) EndOfStream()
    {
        if (_trailersOnly is { } decided)
        {
            return decided;
        }

        var response = _response!;
        return (ResponseStatus.FromTrailers(response), ResponseStatus.ToMetadata(response.TrailingHeaders));
    }

    private void Complete(Status status, Metadata trailers)
    {
        if (status.StatusCode != StatusCode.OK)
        {
            throw Fail(new RpcException(status, trailers));
        }

        lock (_gate)
        {
            _trailers ??= trailers;
            _status ??= status;
        }

        Cleanup();
    }

    /// <summary>Ends the call with the status an exception stands for; the first failure wins.</summary>
    private RpcException Fail(Exception exception)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return _failure;
            }

            _failure = exception switch
            {
                RpcException rpc => rpc,
                _ when _scope.IsEnded => new RpcException(_scope.EndedStatus(), Metadata.Empty, exception),
                _ when TransportErrors.ToStatus(exception) is { } transport => new RpcException(transport, Metadata.Empty, exception),
                OperationCanceledException => new RpcException(Status.DefaultCancelled, Metadata.Empty, exception),
                _ => new RpcException(new Status(StatusCode.Internal, $"The call failed: {exception.Message}"), Metadata.Empty, exception),
            };
            _status = _failure.Status;
            _trailers = _failure.Trailers;
        }

        _headers.TrySetException(_failure);
        Cleanup();
        return _failure;
    }

    private void Cleanup()
    {
        HttpResponseMessage? response;
        lock (_gate)
        {
            response = _response;
            _response = null;
        }

        // Disposing an unfinished response resets its HTTP/2 stream (RST_STREAM CANCEL): the server learns the call is over.
        response?.Dispose();
        _scope.Dispose();
    }
}

using System.Threading.Channels;
using AccountGrains.Grpc.Health.V1;

namespace AccountGrains.Grpc;

/// <summary>
/// The standard <c>grpc.health.v1.Health</c> service (health-checking.md): <c>Check</c> answers a service's status
/// (NOT_FOUND for a service never set), <c>Watch</c> streams it and each later change. The empty name "" stands for
/// the whole server and starts as <see cref="HealthStatus.Serving"/>. Added by <c>AddGrpcHealthChecks()</c>.
/// </summary>
public sealed class HealthService : IGrpcService
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> CheckMethod =
        Method<HealthCheckRequest, HealthCheckResponse>.FromDescriptor(HealthReflection.Descriptor.Services[0].FindMethodByName("Check"));

    private static readonly Method<HealthCheckRequest, HealthCheckResponse> WatchMethod =
        Method<HealthCheckRequest, HealthCheckResponse>.FromDescriptor(HealthReflection.Descriptor.Services[0].FindMethodByName("Watch"));

    private readonly object _gate = new();
    private readonly Dictionary<string, HealthStatus> _statuses = new(StringComparer.Ordinal) { [string.Empty] = HealthStatus.Serving };
    private readonly Dictionary<string, List<ChannelWriter<HealthStatus>>> _watchers = new(StringComparer.Ordinal);

    /// <summary>Sets a service's status; watchers of that service receive it if it changed.</summary>
    /// <param name="service">The fully qualified service name, or "" for the whole server.</param>
    /// <param name="status">The status.</param>
    public void SetStatus(string service, HealthStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            var changed = !_statuses.TryGetValue(service, out var previous) || previous != status;
            _statuses[service] = status;
            if (changed)
            {
                Notify(service, status);
            }
        }
    }

    /// <summary>Forgets a service: Check answers NOT_FOUND again and watchers receive <see cref="HealthStatus.ServiceUnknown"/>.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_statuses.Remove(service))
            {
                Notify(service, HealthStatus.ServiceUnknown);
            }
        }
    }

    /// <summary>A service's status, or <see langword="null"/> when it was never set.</summary>
    public HealthStatus? GetStatus(string service)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out var status) ? status : null;
        }
    }

    void IGrpcService.Bind(GrpcServiceBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddUnary(CheckMethod, CheckAsync).AddServerStreaming(WatchMethod, WatchAsync);
    }

    private Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context) =>
        GetStatus(request.Service) is { } status
            ? Task.FromResult(new HealthCheckResponse { Status = (HealthCheckResponse.Types.ServingStatus)status })
            : throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'."));

    private async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        // Only the latest status matters to a watcher: a slow reader skips intermediate ones.
        var channel = Channel.CreateBounded<HealthStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            if (!_watchers.TryGetValue(request.Service, out var list))
            {
                _watchers[request.Service] = list = [];
            }

            list.Add(channel.Writer);
            channel.Writer.TryWrite(_statuses.TryGetValue(request.Service, out var current) ? current : HealthStatus.ServiceUnknown);
        }

        try
        {
            await foreach (var status in channel.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                await responses.WriteAsync(new HealthCheckResponse { Status = (HealthCheckResponse.Types.ServingStatus)status }).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_gate)
            {
                if (_watchers.TryGetValue(request.Service, out var list) && list.Remove(channel.Writer) && list.Count == 0)
                {
                    _watchers.Remove(request.Service);
                }
            }
        }
    }

    private void Notify(string service, HealthStatus status)
    {
        if (_watchers.TryGetValue(service, out var list))
        {
            foreach (var writer in list)
            {
                writer.TryWrite(status);
            }
        }
    }
}

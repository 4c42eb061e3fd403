namespace AccountGrains.Grpc;

/// <summary>The names the server's telemetry is published under; treat them as API (dashboards depend on them).</summary>
public static class GrpcServerTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> with one server span per call.</summary>
    public const string ActivitySourceName = "AccountGrains.Grpc";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> with the server's instruments.</summary>
    public const string MeterName = "AccountGrains.Grpc";

    /// <summary>A histogram of call durations in seconds, tagged with <see cref="RpcService"/>, <see cref="RpcMethod"/> and <see cref="RpcGrpcStatusCode"/>.</summary>
    public const string CallDurationInstrument = "rpc.server.call.duration";

    /// <summary>The tag (attribute) naming the RPC system: always <c>grpc</c>.</summary>
    public const string RpcSystem = "rpc.system";

    /// <summary>The tag naming the service, such as <c>grpc.health.v1.Health</c>.</summary>
    public const string RpcService = "rpc.service";

    /// <summary>The tag naming the method, such as <c>Check</c>.</summary>
    public const string RpcMethod = "rpc.method";

    /// <summary>The tag with the numeric gRPC status code of the call.</summary>
    public const string RpcGrpcStatusCode = "rpc.grpc.status_code";
}

namespace AccountGrains.Gateway;

/// <summary>
/// The gateway's own gRPC settings, bound from <c>AccountGrains:Grpc</c> (validated at start). The same section
/// also configures grpc-dotnet's <c>GrpcServiceOptions</c> by their names: <c>MaxReceiveMessageSize</c> (bytes,
/// default 4 MiB: a larger message is RESOURCE_EXHAUSTED), <c>MaxSendMessageSize</c> (default unlimited),
/// <c>EnableDetailedErrors</c> (default false: an unexpected exception's text never reaches the caller),
/// <c>ResponseCompressionAlgorithm</c> (e.g. <c>gzip</c>; default none) and <c>ResponseCompressionLevel</c>.
/// </summary>
public sealed class GatewayGrpcOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AccountGrains:Grpc";

    /// <summary>
    /// The deadline given to a call that arrives without one, so no call waits forever (a stuck store, a paused
    /// silo). Default 10 seconds; a call past it is DEADLINE_EXCEEDED. A client's own deadline always wins.
    /// </summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        if (DefaultDeadline <= TimeSpan.Zero || DefaultDeadline > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException($"{Section}:DefaultDeadline must be more than zero and at most one hour.");
        }
    }
}

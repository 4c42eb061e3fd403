namespace AccountGrains.Grpc;

/// <summary>A service's health, as <c>grpc.health.v1.HealthCheckResponse.ServingStatus</c> sends it.</summary>
public enum HealthStatus
{
    /// <summary>Not known.</summary>
    Unknown = 0,

    /// <summary>The service serves calls.</summary>
    Serving = 1,

    /// <summary>The service does not serve calls now.</summary>
    NotServing = 2,

    /// <summary>The service is not known to the server (Watch only; Check answers NOT_FOUND).</summary>
    ServiceUnknown = 3,
}

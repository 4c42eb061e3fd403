namespace AccountGrains.Grpc;

/// <summary>The outcome of a call: a code and a human-readable detail, sent in the trailers.</summary>
/// <param name="StatusCode">The code.</param>
/// <param name="Detail">The message sent as <c>grpc-message</c>; empty for none.</param>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    /// <summary>The OK status with no detail.</summary>
    public static readonly Status DefaultSuccess = new(StatusCode.OK, string.Empty);

    /// <summary>The status of a call the caller cancelled.</summary>
    public static readonly Status DefaultCancelled = new(StatusCode.Cancelled, string.Empty);

    /// <inheritdoc />
    public override string ToString() => Detail.Length == 0 ? $"{StatusCode}" : $"{StatusCode}: {Detail}";
}

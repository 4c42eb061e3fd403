using Microsoft.Extensions.Options;

namespace AccountGrains.Grpc;

/// <summary>Checks <see cref="GrpcServerOptions"/> when the host starts, so a bad setting fails fast.</summary>
public sealed class GrpcServerOptionsValidator : IValidateOptions<GrpcServerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GrpcServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxReceiveMessageSize <= 0)
        {
            failures.Add($"{nameof(GrpcServerOptions.MaxReceiveMessageSize)} must be positive (was {options.MaxReceiveMessageSize}).");
        }

        if (options.MaxSendMessageSize is <= 0)
        {
            failures.Add($"{nameof(GrpcServerOptions.MaxSendMessageSize)} must be positive or null (was {options.MaxSendMessageSize}).");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var provider in options.CompressionProviders)
        {
            if (provider is null || string.IsNullOrWhiteSpace(provider.EncodingName))
            {
                failures.Add($"{nameof(GrpcServerOptions.CompressionProviders)} holds a provider without an encoding name.");
            }
            else if (provider.EncodingName == GrpcProtocol.IdentityEncoding || !names.Add(provider.EncodingName))
            {
                failures.Add($"{nameof(GrpcServerOptions.CompressionProviders)} names '{provider.EncodingName}' twice or reserves 'identity'.");
            }
        }

        if (options.ResponseCompressionAlgorithm is { } algorithm && !names.Contains(algorithm))
        {
            failures.Add($"{nameof(GrpcServerOptions.ResponseCompressionAlgorithm)} '{algorithm}' is not one of {nameof(GrpcServerOptions.CompressionProviders)}.");
        }

        if (options.Interceptors.Any(i => i is null))
        {
            failures.Add($"{nameof(GrpcServerOptions.Interceptors)} holds a null entry.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

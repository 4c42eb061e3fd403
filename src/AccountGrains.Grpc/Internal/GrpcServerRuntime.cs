using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountGrains.Grpc.Internal;

/// <summary>What every call shares, resolved once: settings, clock, shutdown signal, compression table, telemetry.</summary>
internal sealed class GrpcServerRuntime : IDisposable
{
    private static readonly string[] StatusTexts = [.. Enumerable.Range(0, 17).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private readonly Meter _meter;

    public GrpcServerRuntime(IOptions<GrpcServerOptions> options, ILoggerFactory loggerFactory, TimeProvider timeProvider, IHostApplicationLifetime? lifetime = null)
    {
        Options = options.Value;
        Logger = loggerFactory.CreateLogger("AccountGrains.Grpc.Server");
        TimeProvider = timeProvider;
        ShutdownToken = lifetime?.ApplicationStopping ?? CancellationToken.None;
        Compression = Options.CompressionProviders.ToFrozenDictionary(p => p.EncodingName, StringComparer.Ordinal);
        AcceptEncoding = string.Join(',', new[] { GrpcProtocol.IdentityEncoding }.Concat(Options.CompressionProviders.Select(p => p.EncodingName)));
        ActivitySource = new ActivitySource(GrpcServerTelemetry.ActivitySourceName);
        _meter = new Meter(GrpcServerTelemetry.MeterName);
        CallDuration = _meter.CreateHistogram<double>(GrpcServerTelemetry.CallDurationInstrument, "s", "Duration of gRPC calls served.");
    }

    public GrpcServerOptions Options { get; }

    public ILogger Logger { get; }

    public TimeProvider TimeProvider { get; }

    public CancellationToken ShutdownToken { get; }

    public FrozenDictionary<string, ICompressionProvider> Compression { get; }

    /// <summary>The <c>grpc-accept-encoding</c> value: identity and every provider.</summary>
    public string AcceptEncoding { get; }

    public ActivitySource ActivitySource { get; }

    public Histogram<double> CallDuration { get; }

    /// <summary>The wire text of a status code, without allocating for the defined codes.</summary>
    public static string StatusText(StatusCode code) =>
        (uint)code < (uint)StatusTexts.Length ? StatusTexts[(int)code] : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        ActivitySource.Dispose();
        _meter.Dispose();
    }
}

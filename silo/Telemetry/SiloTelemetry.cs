using AccountGrains.Storage;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AccountGrains.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for the silo, configured only by the standard <c>OTEL_*</c> variables. Exporting is on when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and <c>OTEL_SDK_DISABLED</c> is not <c>true</c>; off, nothing is
/// registered (no provider, no listener, no Orleans propagation filter), so a call pays nothing for it.
/// docs/telemetry.md names every signal.
/// </summary>
internal static class SiloTelemetry
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> (or <c>service.name</c> in <c>OTEL_RESOURCE_ATTRIBUTES</c>) is unset.</summary>
    public const string DefaultServiceName = "accountgrains-silo";

    /// <summary>Orleans' activity sources: the runtime's (placement, activation, directory) and every grain call's.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>The meters exported: Orleans', the product's, ASP.NET Core's and Kestrel's (runtime and Npgsql come by their own calls).</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans", AccountGrainsMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    private const string GrpcInstrumentationSwitch = "OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_ENABLE_GRPC_INSTRUMENTATION";

    /// <summary>Whether the <c>OTEL_*</c> variables ask for exporting.</summary>
    public static bool IsExporting(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        && !string.Equals(configuration["OTEL_SDK_DISABLED"]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Registers traces, metrics and logs exported over OTLP, when <see cref="IsExporting"/>; returns whether it did.</summary>
    public static bool AddAccountGrainsTelemetry(this WebApplicationBuilder builder)
    {
        if (!IsExporting(builder.Configuration))
        {
            return false;
        }

        var namedByEnvironment = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"])
            || (builder.Configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? string.Empty).Contains("service.name=", StringComparison.Ordinal);
        // rpc.system, rpc.service, rpc.method and rpc.grpc.status_code on the server span: the instrumentation's
        // switch is a variable only (its option is internal); on unless the environment says otherwise.
        if (string.IsNullOrEmpty(builder.Configuration[GrpcInstrumentationSwitch]))
        {
            builder.Configuration.AddInMemoryCollection([new(GrpcInstrumentationSwitch, "true")]);
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // The environment's detector is already in the default resource; only fill the name it left unset.
                if (!namedByEnvironment)
                {
                    resource.AddService(DefaultServiceName);
                }
            })
            .WithTracing(tracing => tracing
                .AddSource(OrleansSources)
                .AddSource(AccountGrainsMetrics.MeterName)
                .AddAspNetCoreInstrumentation(o => o.RecordException = true)
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation())
            .WithLogging(logging => { }, options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            })
            .UseOtlpExporter();
        return true;
    }

    /// <summary>Carries the trace across grain calls (gRPC server span → grain call → the owning silo), only when exporting.</summary>
    public static void AddAccountGrainsTelemetry(this ISiloBuilder silo, bool exporting)
    {
        if (exporting)
        {
            silo.AddActivityPropagation();
        }
    }

    /// <summary>Adds the call's gRPC status to ASP.NET Core's request metrics, so calls, latency and status are per method.</summary>
    public static void UseAccountGrainsTelemetry(this WebApplication app, bool exporting)
    {
        if (exporting)
        {
            app.UseMiddleware<GrpcStatusMetricsTag>();
        }
    }
}

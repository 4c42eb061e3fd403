using Microsoft.AspNetCore.Http.Features;

namespace AccountGrains.Silo.Telemetry;

/// <summary>
/// Tags ASP.NET Core's <c>http.server.request.duration</c> with <c>rpc.grpc.status_code</c>: gRPC answers HTTP 200
/// whatever its status, which travels in the trailers (or the headers of a trailers-only answer). With
/// <c>http.route</c> (the gRPC method) that gives calls, latency and status per method without a meter of our own.
/// </summary>
internal sealed class GrpcStatusMetricsTag(RequestDelegate next)
{
    private const string StatusTag = "rpc.grpc.status_code";

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Features.Get<IHttpMetricsTagsFeature>() is not { } tags)
        {
            return;
        }

        var status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"] is { Count: > 0 } trailer
            ? trailer.ToString()
            : context.Response.Headers["grpc-status"].ToString();
        if (int.TryParse(status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            tags.Tags.Add(new KeyValuePair<string, object?>(StatusTag, code));
        }
    }
}

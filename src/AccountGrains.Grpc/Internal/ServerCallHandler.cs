using System.Diagnostics;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace AccountGrains.Grpc.Internal;

/// <summary>
/// Serves one method: checks the request is gRPC, runs the handler (wrapped by the interceptors once, at
/// registration) and always ends the call with a status. Subclasses hold the four call shapes.
/// </summary>
internal abstract class ServerCallHandler<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    protected ServerCallHandler(Method<TRequest, TResponse> method, GrpcServerRuntime runtime)
    {
        Method = method;
        Runtime = runtime;
    }

    public Method<TRequest, TResponse> Method { get; }

    protected GrpcServerRuntime Runtime { get; }

    /// <summary>True for shapes with a request stream (their body may be long and slow).</summary>
    protected virtual bool StreamsRequests => false;

    /// <summary>True for shapes a server shutdown ends early with UNAVAILABLE (anything long-lived).</summary>
    protected virtual bool EndsOnShutdown => true;

    public Task HandleCallAsync(HttpContext http)
    {
        if (!ProtocolErrors.TryAccept(http, Runtime))
        {
            return Task.CompletedTask;
        }

        var context = new HttpServerCallContext(http, Runtime, Method.FullName);
        if (!context.TryStart(EndsOnShutdown))
        {
            return Task.CompletedTask;
        }

        if (StreamsRequests)
        {
            // A request stream lives as long as the call: Kestrel's body size and data-rate limits do not apply.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = null;
            }

            if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
            {
                rate.MinDataRate = null;
            }
        }

        return RunAsync(context);
    }

    protected abstract Task InvokeAsync(HttpServerCallContext context);

    private async Task RunAsync(HttpServerCallContext context)
    {
        var activity = Runtime.ActivitySource.HasListeners() ? StartActivity() : null;
        var started = Runtime.CallDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        try
        {
            await InvokeAsync(context).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            context.SetStatusFromException(ex);
        }

        try
        {
            await context.EndCallAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Release();
            if (activity is not null || started != 0)
            {
                Record(activity, started, context.FinalStatus.StatusCode);
            }
        }
    }

    private Activity? StartActivity()
    {
        var activity = Runtime.ActivitySource.StartActivity($"{Method.ServiceName}/{Method.Name}", ActivityKind.Server);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GrpcServerTelemetry.RpcSystem, "grpc");
            activity.SetTag(GrpcServerTelemetry.RpcService, Method.ServiceName);
            activity.SetTag(GrpcServerTelemetry.RpcMethod, Method.Name);
        }

        return activity;
    }

    private void Record(Activity? activity, long started, StatusCode code)
    {
        if (activity is not null)
        {
            activity.SetTag(GrpcServerTelemetry.RpcGrpcStatusCode, (int)code);
            if (code != StatusCode.OK)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }

            activity.Dispose();
        }

        if (started != 0)
        {
            Runtime.CallDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(GrpcServerTelemetry.RpcSystem, "grpc"),
                new KeyValuePair<string, object?>(GrpcServerTelemetry.RpcService, Method.ServiceName),
                new KeyValuePair<string, object?>(GrpcServerTelemetry.RpcMethod, Method.Name),
                new KeyValuePair<string, object?>(GrpcServerTelemetry.RpcGrpcStatusCode, (int)code));
        }
    }
}

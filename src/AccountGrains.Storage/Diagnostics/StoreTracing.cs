using System.Diagnostics;

namespace AccountGrains.Storage;

/// <summary>
/// The group-commit batch as a span ("accountgrains.store.append", source <see cref="AccountGrainsMetrics.MeterName"/>):
/// the writer's loop runs outside every caller's trace, so without it the store's SQL would start traces of its own.
/// The batch's first traced caller is its parent, every other traced caller a link, so each account's trace shows
/// the SQL that committed its events.
/// </summary>
internal static class StoreTracing
{
    private static readonly ActivitySource Source = new(AccountGrainsMetrics.MeterName);

    /// <summary>The caller's trace at enqueue time: one read of <see cref="Activity.Current"/>, nothing when untraced.</summary>
    public static ActivityContext Caller() => Activity.Current?.Context ?? default;

    /// <summary>Starts the batch's span, or returns null when nobody listens (telemetry off).</summary>
    public static Activity? StartBatch<T>(List<T> batch, Func<T, ActivityContext> callerOf)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        foreach (var item in batch)
        {
            var caller = callerOf(item);
            if (caller == default)
            {
                continue;
            }

            if (parent == default)
            {
                parent = caller;
            }
            else
            {
                (links ??= []).Add(new ActivityLink(caller));
            }
        }

        var activity = Source.StartActivity("accountgrains.store.append", ActivityKind.Internal, parent, links: links);
        activity?.SetTag("accountgrains.store.batch_size", batch.Count);
        return activity;
    }
}

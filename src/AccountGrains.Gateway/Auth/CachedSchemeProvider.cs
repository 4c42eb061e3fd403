using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AccountGrains.Gateway;

/// <summary>
/// ASP.NET Core's scheme provider, answering with completed tasks made once rather than one per lookup: the
/// authentication middleware and handler provider look up the request-handler schemes, the default scheme and the
/// scheme by name on every call. Adding or removing a scheme clears them (the gateway's schemes are fixed at start).
/// </summary>
internal sealed class CachedSchemeProvider(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
{
    private readonly ConcurrentDictionary<string, Task<AuthenticationScheme?>> _byName = new(StringComparer.Ordinal);
    private Task<AuthenticationScheme?>? _defaultAuthenticate;
    private Task<IEnumerable<AuthenticationScheme>>? _requestHandlers;

    public override Task<AuthenticationScheme?> GetSchemeAsync(string name) =>
        _byName.TryGetValue(name, out var cached) ? cached : Remember(name, base.GetSchemeAsync(name));

    public override Task<AuthenticationScheme?> GetDefaultAuthenticateSchemeAsync() =>
        _defaultAuthenticate ?? Keep(ref _defaultAuthenticate, base.GetDefaultAuthenticateSchemeAsync());

    public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync() =>
        _requestHandlers ?? Keep(ref _requestHandlers, base.GetRequestHandlerSchemesAsync());

    public override void AddScheme(AuthenticationScheme scheme)
    {
        base.AddScheme(scheme);
        Forget();
    }

    public override bool TryAddScheme(AuthenticationScheme scheme)
    {
        var added = base.TryAddScheme(scheme);
        Forget();
        return added;
    }

    public override void RemoveScheme(string name)
    {
        base.RemoveScheme(name);
        Forget();
    }

    private Task<AuthenticationScheme?> Remember(string name, Task<AuthenticationScheme?> lookup) =>
        lookup.IsCompletedSuccessfully && lookup.Result is not null ? _byName.GetOrAdd(name, lookup) : lookup;

    // The base class answers synchronously; anything else is not kept.
    private static Task<T> Keep<T>(ref Task<T>? slot, Task<T> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            slot = task;
        }

        return task;
    }

    private void Forget()
    {
        _byName.Clear();
        _defaultAuthenticate = null;
        _requestHandlers = null;
    }
}

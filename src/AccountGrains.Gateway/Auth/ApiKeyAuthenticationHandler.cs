using System.Text.Encodings.Web;
using AccountGrains.Abstractions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountGrains.Gateway;

/// <summary>
/// The <c>ApiKey</c> scheme: <c>authorization: Bearer &lt;key&gt;</c> names a configured key, and
/// <c>x-on-behalf-of</c> the agent a tool acts for (required for agent and vendor keys). On an open gateway
/// every caller is the anonymous admin. A failure's message says what is wrong, never echoing the key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRegistry keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>What a caller without any credential is told.</summary>
    public const string MissingCredential = "Send 'authorization: Bearer <key>'.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        if (!GatewayClaims.TryReadOnBehalfOf(headers, out var onBehalfOf, out var error))
        {
            return Task.FromResult(AuthenticateResult.Fail(error));
        }

        if (keys.IsOpen)
        {
            return ApiKeyRegistry.Anonymous(onBehalfOf);
        }

        var key = GatewayClaims.BearerToken(headers);
        if (key.IsEmpty)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!keys.TryFind(key, out var registered))
        {
            return Task.FromResult(AuthenticateResult.Fail("The key is not known."));
        }

        if (registered.Role is CallerRole.Agent or CallerRole.Vendor && onBehalfOf is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Agent and vendor keys must name the acting agent in 'x-on-behalf-of'."));
        }

        return registered.ResultFor(onBehalfOf);
    }
}

using System.Security.Claims;
using AccountGrains.Abstractions;
using AccountGrains.Gateway;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AccountGrains.Api.Tests.Gateway;

/// <summary>The library objects the gateway answers with results made once: same answers as ASP.NET Core's own, and never stale.</summary>
public sealed class AuthenticationCachingTests
{
    [Fact]
    public async Task SchemeProvider_AnswersWithTheSameTask_UntilASchemeIsAddedOrRemoved()
    {
        var options = new AuthenticationOptions { DefaultAuthenticateScheme = "ApiKey" };
        options.AddScheme<ApiKeyAuthenticationHandler>("ApiKey", null);
        var provider = new CachedSchemeProvider(Options.Create(options));

        var first = provider.GetDefaultAuthenticateSchemeAsync();
        Assert.Same(first, provider.GetDefaultAuthenticateSchemeAsync());
        Assert.Same(provider.GetSchemeAsync("ApiKey"), provider.GetSchemeAsync("ApiKey"));
        Assert.Equal("ApiKey", (await first)!.Name);
        Assert.Null(await provider.GetSchemeAsync("Other"));

        provider.AddScheme(new AuthenticationScheme("Other", null, typeof(ApiKeyAuthenticationHandler)));
        Assert.Equal("Other", (await provider.GetSchemeAsync("Other"))!.Name);

        provider.RemoveScheme("ApiKey");
        Assert.Null(await provider.GetSchemeAsync("ApiKey"));
        Assert.Null(await provider.GetDefaultAuthenticateSchemeAsync());
    }

    [Fact]
    public async Task PolicyEvaluator_GivesAGatewayCallerTheResultTheLibraryWould_AndLeavesOthersToIt()
    {
        var evaluator = new CallerPolicyEvaluator(new NeverCalled());
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        var caller = new CallerPrincipal(new CallerIdentity(new Caller("platform-key", CallerRole.Platform), ApiKeyAuthenticationHandler.SchemeName));

        var known = await evaluator.AuthenticateAsync(policy, new DefaultHttpContext { User = caller });
        var other = await evaluator.AuthenticateAsync(policy, new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity("elsewhere")) });
        var anonymous = await evaluator.AuthenticateAsync(policy, new DefaultHttpContext());

        Assert.True(known.Succeeded);
        Assert.Same(caller, known.Principal);
        Assert.Equal(other.Ticket!.AuthenticationScheme, known.Ticket!.AuthenticationScheme);
        Assert.Same(known, await evaluator.AuthenticateAsync(policy, new DefaultHttpContext { User = caller }));
        Assert.False(anonymous.Succeeded);
    }


    private sealed class NeverCalled : IAuthorizationService
    {
        public Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, IEnumerable<IAuthorizationRequirement> requirements) => throw new InvalidOperationException();

        public Task<AuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, object? resource, string policyName) => throw new InvalidOperationException();
    }
}

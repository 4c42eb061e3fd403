using AccountGrains.Client.Internal;
using AccountGrains.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace AccountGrains.Client.Tests;

/// <summary>The options fail fast naming the bad one; the retry rules and the declared service config agree.</summary>
public sealed class ClientOptionsTests
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

    public static TheoryData<IMessage, bool> RetryCases => new()
    {
        { new VerifyRequest(), true },
        { new GetAccountRequest(), true },
        { new GetHistoryRequest(), true },
        { new ListSilosRequest(), true },
        { new ListActivationsRequest(), true },
        { new CompleteRecoveryRequest { AttemptId = "a", Code = "1" }, false },
        { new LockRequest(), false },
        { new LockRequest { IdempotencyKey = "k" }, true },
        { new UnlockRequest(), false },
        { new UnlockRequest { IdempotencyKey = "k" }, true },
        { new ReportSignalRequest(), false },
        { new ReportSignalRequest { IdempotencyKey = "k" }, true },
        { new StartRecoveryRequest(), false },
        { new StartRecoveryRequest { IdempotencyKey = "k" }, true },
        { new GrantVerificationRequest(), false },
        { new GrantVerificationRequest { IdempotencyKey = "k" }, true },
        { new RevokeVerificationRequest(), false },
        { new RevokeVerificationRequest { IdempotencyKey = "k" }, true },
        { new SetHighProfileRequest(), false },
        { new SetHighProfileRequest { IdempotencyKey = "k" }, true },
    };

    public static TheoryData<string, Action<AccountIntegrityClientOptions>> InvalidOptions => new()
    {
        { "Address", o => o.Address = null },
        { "Address", o => o.Address = new Uri("ftp://127.0.0.1:50051") },
        { "Address", o => o.Address = new Uri("/relative", UriKind.Relative) },
        { "ApiKey", o => o.ApiKey = "" },
        { "ApiKey", o => o.ApiKey = "two words" },
        { "ApiKey", o => o.ApiKey = "key\r\n" },
        { "BearerToken", o => o.BearerToken = "not-a-jwt" },
        { "BearerToken", o => o.BearerToken = "a.b" },
        { "BearerToken", o => o.BearerToken = "a.b." },
        { "BearerToken", o => o.BearerToken = "a.b c.d" },
        { "BearerToken", o => (o.ApiKey, o.BearerToken) = ("key", Jwt) },
        { "OnBehalfOf", o => o.OnBehalfOf = "" },
        { "OnBehalfOf", o => o.OnBehalfOf = "agent\nx" },
        { "OnBehalfOf", o => o.OnBehalfOf = new string('a', 65) },
        { "DefaultTimeout", o => o.DefaultTimeout = TimeSpan.Zero },
        { "DefaultTimeout", o => o.DefaultTimeout = TimeSpan.FromSeconds(-1) },
        { "Retry", o => o.Retry = null! },
        { "MaxAttempts", o => o.Retry.MaxAttempts = 0 },
        { "MaxAttempts", o => o.Retry.MaxAttempts = 6 },
        { "InitialBackoff", o => o.Retry.InitialBackoff = TimeSpan.Zero },
        { "MaxBackoff", o => o.Retry.MaxBackoff = TimeSpan.FromMilliseconds(50) },
        { "BackoffMultiplier", o => o.Retry.BackoffMultiplier = 0.5 },
        { "BackoffMultiplier", o => o.Retry.BackoffMultiplier = double.NaN },
    };

    [Theory]
    [MemberData(nameof(RetryCases))]
    public void IsSafeToRetry_HoldsForReadsAndKeyedWritesOnly(IMessage request, bool expected)
    {
        Assert.Equal(expected, RetryRules.IsSafeToRetry(request));
    }

    [Fact]
    public void ServiceConfig_RetriesUnavailableOnlyForEveryMethodButCompleteRecoveryAndStreams()
    {
        var config = RetryRules.ServiceConfig(new AccountIntegrityRetryOptions());

        var method = Assert.Single(config!.MethodConfigs);
        Assert.Equal([StatusCode.Unavailable], method.RetryPolicy!.RetryableStatusCodes);
        Assert.Equal(3, method.RetryPolicy.MaxAttempts);
        var every = AccountIntegrity.Descriptor.Methods.Concat(ClusterAdmin.Descriptor.Methods)
            .Where(m => m.Name != "CompleteRecovery" && !m.IsServerStreaming)
            .Select(m => (m.Service.FullName, m.Name));
        Assert.Equal(every.Order(), method.Names.Select(n => (n.Service!, n.Method!)).Order());
    }

    [Fact]
    public void ServiceConfig_WithOneAttempt_IsNone()
    {
        Assert.Null(RetryRules.ServiceConfig(new AccountIntegrityRetryOptions { MaxAttempts = 1 }));
    }

    [Fact]
    public void Options_ByDefault_HaveAFiveSecondTimeoutAndThreeJitteredAttempts()
    {
        var options = new AccountIntegrityClientOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.DefaultTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), new AccountIntegrityChannelOptions().DefaultTimeout);
        Assert.Equal((3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), 2.0),
            (options.Retry.MaxAttempts, options.Retry.InitialBackoff, options.Retry.MaxBackoff, options.Retry.BackoffMultiplier));
        Assert.Null(options.ApiKey);
        Assert.Null(options.BearerToken);
        Assert.Null(options.OnBehalfOf);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Client_WithAnInvalidOption_FailsFastNamingIt(string option, Action<AccountIntegrityClientOptions> spoil)
    {
        var options = new AccountIntegrityClientOptions { Address = new Uri("http://127.0.0.1:50051") };
        spoil(options);

        var error = Assert.ThrowsAny<ArgumentException>(() => new AccountIntegrityClient(options));

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Errors_NeverPrintTheCredential()
    {
        var options = new AccountIntegrityClientOptions { Address = new Uri("http://127.0.0.1:50051"), ApiKey = "secret key", BearerToken = "secret.token" };

        var error = Assert.ThrowsAny<ArgumentException>(() => new AccountIntegrityClient(options));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Channel_WithAnInvalidAddress_FailsFastNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new AccountIntegrityChannel(new AccountIntegrityChannelOptions { Address = new Uri("unix:/tmp/silo.sock") }));

        Assert.Equal("Address", error.ParamName);
    }

    [Fact]
    public void SharedChannelClient_WithAMalformedCredential_FailsFastNamingIt()
    {
        using var channel = AccountIntegrityChannel.ForAddress(new Uri("http://127.0.0.1:50051"));

        Assert.Equal("ApiKey", Assert.Throws<ArgumentException>(() => new AccountIntegrityClient(channel, "two words")).ParamName);
        Assert.Equal("OnBehalfOf", Assert.Throws<ArgumentException>(() => new AccountIntegrityClient(channel, "key", "a b")).ParamName);
        Assert.Equal("BearerToken", Assert.Throws<ArgumentException>(() => AccountIntegrityClient.WithBearerToken(channel, "nope")).ParamName);
        Assert.Equal("BearerToken", Assert.Throws<ArgumentException>(() => new ClusterAdminClient(channel, "key", Jwt)).ParamName);
    }
}

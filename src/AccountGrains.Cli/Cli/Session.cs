using System.CommandLine;
using AccountGrains.Cli.Config;
using AccountGrains.Cli.Output;
using AccountGrains.Client;

namespace AccountGrains.Cli;

/// <summary>
/// One invocation's connection and output, resolved flag first, then environment variable, then the context
/// (<c>--context</c>, else the config's current one), then the default. Opens the channel only when a command calls.
/// </summary>
internal sealed class Session : IDisposable
{
    public const string DefaultAddress = "http://127.0.0.1:50051";
    private AccountIntegrityChannel? _channel;
    private AccountIntegrityClient? _accounts;

    private Session(Uri address, string? key, string? token, string? onBehalfOf, TimeSpan timeout, Printer printer)
    {
        Address = address;
        Key = key;
        Token = token;
        OnBehalfOf = onBehalfOf;
        Timeout = timeout;
        Printer = printer;
    }

    public Uri Address { get; }

    public string? Key { get; }

    public string? Token { get; }

    public string? OnBehalfOf { get; }

    public TimeSpan Timeout { get; }

    public Printer Printer { get; }

    public AccountIntegrityClient Accounts => _accounts ??= Token is { } token
        ? AccountIntegrityClient.WithBearerToken(Channel, token, OnBehalfOf)
        : new AccountIntegrityClient(Channel, Key, OnBehalfOf);

    public ClusterAdminClient Admin => new(Channel, Key, Token);

    private AccountIntegrityChannel Channel => _channel ??= new AccountIntegrityChannel(new AccountIntegrityChannelOptions
    {
        Address = Address,
        DefaultTimeout = Timeout,
    });

    /// <summary>Resolves the session of <paramref name="parse"/>.</summary>
    /// <exception cref="CliUsageException">A value is malformed or the named context does not exist.</exception>
    public static Session From(ParseResult parse)
    {
        var context = ContextOf(parse);
        string? Pick(Option<string?> option, string variable, string? fromContext) =>
            parse.GetValue(option) is { Length: > 0 } flag ? flag
            : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } env ? env
            : fromContext;

        var addressText = Pick(GlobalOptions.Address, "ACCTCTL_ADDRESS", context?.Address) ?? DefaultAddress;
        if (!Uri.TryCreate(addressText, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new CliUsageException($"--address '{addressText}' is not an http(s) address (e.g. http://127.0.0.1:50051)");
        }

        var key = Pick(GlobalOptions.Key, "ACCTCTL_KEY", context?.Key);
        var token = Pick(GlobalOptions.Token, "ACCTCTL_TOKEN", context?.Token);
        // A flag overrides the other credential's variable or context entry: --token beats ACCTCTL_KEY.
        var keyFlag = parse.GetValue(GlobalOptions.Key) is { Length: > 0 };
        var tokenFlag = parse.GetValue(GlobalOptions.Token) is { Length: > 0 };
        if (keyFlag != tokenFlag)
        {
            (key, token) = keyFlag ? (key, (string?)null) : (null, token);
        }

        if (key is not null && token is not null)
        {
            throw new CliUsageException("both a key and a token are set (flags, ACCTCTL_KEY/ACCTCTL_TOKEN or the context): give one");
        }

        var timeoutText = Pick(GlobalOptions.Timeout, "ACCTCTL_TIMEOUT", context?.Timeout);
        var timeout = timeoutText is null ? TimeSpan.FromSeconds(5) : TimeText.ParseDuration(timeoutText, "--timeout");
        var outputText = parse.GetValue(GlobalOptions.Output) ?? context?.Output ?? "table";
        var json = outputText switch
        {
            "table" => false,
            "json" => true,
            _ => throw new CliUsageException($"--output '{outputText}' is not table or json"),
        };

        var session = new Session(address, key, token, Pick(GlobalOptions.OnBehalfOf, "ACCTCTL_ON_BEHALF_OF", context?.OnBehalfOf), timeout, new Printer(json));
        try
        {
            // The client library checks the key, token and agent id; checked here so a bad one is exit 1 before any call.
            new AccountIntegrityClientOptions { Address = address, ApiKey = key, BearerToken = token, OnBehalfOf = session.OnBehalfOf, DefaultTimeout = timeout }.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }

        return session;
    }

    public void Dispose()
    {
        _accounts?.Dispose();
        _channel?.Dispose();
    }

    private static CliContext? ContextOf(ParseResult parse)
    {
        var path = CliConfig.DefaultPath();
        var config = CliConfig.Load(path);
        var name = parse.GetValue(GlobalOptions.Context) is { Length: > 0 } flag ? flag
            : Environment.GetEnvironmentVariable("ACCTCTL_CONTEXT") is { Length: > 0 } env ? env
            : config.CurrentContext;
        if (name is null)
        {
            return null;
        }

        return config.Contexts.TryGetValue(name, out var context)
            ? context
            : throw new CliUsageException($"context '{name}' is not in {path} (acctctl config get-contexts)");
    }
}

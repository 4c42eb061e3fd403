using System.CommandLine;

namespace AccountGrains.Cli;

/// <summary>The options every command takes (recursive on the root), each also settable by a context or a variable.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Address = new("--address", "-a")
    {
        Description = "The silo's gRPC address, e.g. http://127.0.0.1:50051 (env ACCTCTL_ADDRESS; default the context's, else http://127.0.0.1:50051).",
        Recursive = true,
    };

    public static readonly Option<string?> Key = new("--key")
    {
        Description = "The API key (env ACCTCTL_KEY). Prefer the variable or a context: a flag shows in the process list.",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "A JWT instead of a key (env ACCTCTL_TOKEN).",
        Recursive = true,
    };

    public static readonly Option<string?> OnBehalfOf = new("--on-behalf-of")
    {
        Description = "The agent an agent or vendor key acts for, written into history (env ACCTCTL_ON_BEHALF_OF).",
        Recursive = true,
    };

    public static readonly Option<string?> Output = new("--output", "-o")
    {
        Description = "table (default) or json.",
        Recursive = true,
    };

    public static readonly Option<string?> Timeout = new("--timeout")
    {
        Description = "Each call's deadline: 500ms, 5s, 2m (default 5s).",
        Recursive = true,
    };

    public static readonly Option<string?> Context = new("--context")
    {
        Description = "The config context to use instead of the current one (env ACCTCTL_CONTEXT).",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Address, Key, Token, OnBehalfOf, Output, Timeout, Context];
}

using System.CommandLine;
using System.Text.Json.Nodes;
using AccountGrains.Cli.Config;
using AccountGrains.Cli.Output;

namespace AccountGrains.Cli.Commands;

/// <summary>config set-context|use-context|get-contexts|current-context|delete-context, as kubectl has them.</summary>
internal static class ConfigCommands
{
    public static Command Create()
    {
        var setName = new Argument<string>("name") { Description = "The context's name." };
        var set = new Command("set-context", "Creates or updates a context from the global options given (--address, --key, --token, --on-behalf-of, --timeout, --output).") { setName };
        set.SetAction(parse => Edit(parse, config =>
        {
            var name = parse.GetValue(setName)!;
            var context = config.Contexts.TryGetValue(name, out var existing) ? existing : new CliContext();
            context.Address = parse.GetValue(GlobalOptions.Address) ?? context.Address;
            if (parse.GetValue(GlobalOptions.Key) is { } key)
            {
                (context.Key, context.Token) = (key, null);
            }

            if (parse.GetValue(GlobalOptions.Token) is { } token)
            {
                (context.Token, context.Key) = (token, null);
            }

            context.OnBehalfOf = parse.GetValue(GlobalOptions.OnBehalfOf) ?? context.OnBehalfOf;
            if (parse.GetValue(GlobalOptions.Timeout) is { } timeout)
            {
                TimeText.ParseDuration(timeout, "--timeout");
                context.Timeout = timeout;
            }

            context.Output = parse.GetValue(GlobalOptions.Output) ?? context.Output;
            config.Contexts[name] = context;
            config.CurrentContext ??= name;
            return $"context {name} set";
        }));

        var useName = new Argument<string>("name") { Description = "The context to make current." };
        var use = new Command("use-context", "Makes a context the current one.") { useName };
        use.SetAction(parse => Edit(parse, config =>
        {
            var name = parse.GetValue(useName)!;
            if (!config.Contexts.ContainsKey(name))
            {
                throw new CliUsageException($"no context named {name} (acctctl config get-contexts)");
            }

            config.CurrentContext = name;
            return $"switched to context {name}";
        }));

        var deleteName = new Argument<string>("name") { Description = "The context to delete." };
        var delete = new Command("delete-context", "Deletes a context.") { deleteName };
        delete.SetAction(parse => Edit(parse, config =>
        {
            var name = parse.GetValue(deleteName)!;
            if (!config.Contexts.Remove(name))
            {
                throw new CliUsageException($"no context named {name}");
            }

            if (config.CurrentContext == name)
            {
                config.CurrentContext = null;
            }

            return $"context {name} deleted";
        }));

        var get = new Command("get-contexts", "Lists the contexts (never their keys or tokens); * marks the current one.");
        get.SetAction(parse => Guard(() =>
        {
            var config = CliConfig.Load(CliConfig.DefaultPath());
            if (parse.GetValue(GlobalOptions.Output) == "json")
            {
                var list = new JsonArray();
                foreach (var (name, c) in config.Contexts)
                {
                    list.Add(new JsonObject { ["name"] = name, ["current"] = name == config.CurrentContext, ["address"] = c.Address, ["credential"] = Credential(c), ["on_behalf_of"] = c.OnBehalfOf });
                }

                Console.Out.WriteLine(list.ToJsonString());
            }
            else
            {
                new Printer(json: false).Rows(
                    null,
                    ["current", "name", "address", "credential", "on behalf of", "timeout"],
                    config.Contexts.Select(kv => new[] { kv.Key == config.CurrentContext ? "*" : "", kv.Key, kv.Value.Address ?? Session.DefaultAddress, Credential(kv.Value), kv.Value.OnBehalfOf ?? "", kv.Value.Timeout ?? "" }));
            }

            return ExitCodes.Ok;
        }));

        var current = new Command("current-context", "Prints the current context's name.");
        current.SetAction(_ => Guard(() =>
        {
            var config = CliConfig.Load(CliConfig.DefaultPath());
            if (config.CurrentContext is null)
            {
                throw new CliUsageException("no current context (acctctl config use-context NAME)");
            }

            Console.Out.WriteLine(config.CurrentContext);
            return ExitCodes.Ok;
        }));

        return new Command("config", $"Contexts: named addresses and credentials, in $ACCTCTL_CONFIG or ~/.config/acctctl/config.json.") { set, use, get, current, delete };
    }

    private static string Credential(CliContext c) => c.Key is not null ? "key" : c.Token is not null ? "token" : "none";

    private static int Edit(ParseResult parse, Func<CliConfig, string> change) => Guard(() =>
    {
        _ = parse;
        var path = CliConfig.DefaultPath();
        var config = CliConfig.Load(path);
        var message = change(config);
        config.Save(path);
        Console.Out.WriteLine(message);
        return ExitCodes.Ok;
    });

    private static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return CommandRunner.Fail(e, CancellationToken.None);
        }
    }
}

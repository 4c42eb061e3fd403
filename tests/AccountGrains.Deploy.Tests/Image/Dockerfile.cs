using System.Text.RegularExpressions;

namespace AccountGrains.Deploy.Tests.Image;

/// <summary>deploy/Dockerfile as its instructions (continuations joined, comments dropped), grouped by stage.</summary>
internal sealed partial record Dockerfile(IReadOnlyList<DockerInstruction> Instructions)
{
    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = "";
            var match = Instruction().Match(whole);
            instructions.Add(new DockerInstruction(match.Groups["keyword"].Value.ToUpperInvariant(), match.Groups["args"].Value.Trim()));
        }

        return new Dockerfile(instructions);
    }

    /// <summary>The instructions of each stage, from its FROM on.</summary>
    public IReadOnlyList<IReadOnlyList<DockerInstruction>> Stages()
    {
        var stages = new List<List<DockerInstruction>>();
        foreach (var instruction in Instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add([]);
            }

            if (stages.Count > 0)
            {
                stages[^1].Add(instruction);
            }
        }

        return stages;
    }

    /// <summary>ENV's names (both the <c>K=V K2=V2</c> and the legacy <c>K V</c> form).</summary>
    public static IEnumerable<string> EnvNames(DockerInstruction env) =>
        env.Args.Contains('=', StringComparison.Ordinal)
            ? EnvPair().Matches(env.Args).Select(m => m.Groups["name"].Value)
            : [env.Args.Split(' ', 2)[0]];

    [GeneratedRegex(@"^(?<keyword>[A-Za-z]+)\s*(?<args>.*)$")]
    private static partial Regex Instruction();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvPair();
}

internal sealed record DockerInstruction(string Keyword, string Args);

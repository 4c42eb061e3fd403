using Google.Protobuf;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AccountGrains.Cli.Output;

/// <summary>
/// Writes results to stdout as Spectre tables (people) or JSON (scripts: protobuf's JSON mapping with the proto's field
/// names and every field, defaults included). Errors and progress go to stderr so stdout stays parseable.
/// </summary>
internal sealed class Printer
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithPreserveProtoFieldNames(true));

    public Printer(bool json)
    {
        Json = json;
        var redirected = Console.IsOutputRedirected;
        Out = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            // Redirected, Spectre assumes 80 columns and would wrap table cells; a file or a pipe has no width.
            Out.Profile.Width = 240;
        }
    }

    public bool Json { get; }

    public IAnsiConsole Out { get; }

    public static string ToJson(IMessage message) => Formatter.Format(message);

    /// <summary>One message as JSON on one line (the shape of each line of <c>watch -o json</c>).</summary>
    public void WriteJson(IMessage message) => Console.Out.WriteLine(ToJson(message));

    /// <summary>Messages as one JSON array.</summary>
    public void WriteJsonArray<T>(IEnumerable<T> messages)
        where T : IMessage => Console.Out.WriteLine("[" + string.Join(",", messages.Select(m => ToJson(m))) + "]");

    public void Write(IRenderable renderable) => Out.Write(renderable);

    public void Line(string text) => Out.WriteLine(text, Style.Plain);

    /// <summary>A two-column table of field and value, the shape of most single results.</summary>
    public void Fields(string? title, IEnumerable<(string Field, string Value)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("value");
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }

        foreach (var (field, value) in rows)
        {
            table.AddRow(new Text(field), new Text(value));
        }

        Out.Write(table);
    }

    /// <summary>A table with <paramref name="columns"/>, one row per item; every cell is plain text (never markup).</summary>
    public void Rows(string? title, string[] columns, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }

        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(c)));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }

        Out.Write(table);
    }
}

using AccountGrains.Silo.Hosting;

// The silo composes; it decides nothing. See Hosting/ for what each call wires.
if (MigrateOnly.IsRequested(args))
{
    return await MigrateOnly.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddAccountGrainsSilo();

var app = builder.Build();
app.MapAccountGrainsSilo();
await app.RunAsync();
return Environment.ExitCode;

/// <summary>The silo's entry point; public so in-process tests can host it.</summary>
public partial class Program;

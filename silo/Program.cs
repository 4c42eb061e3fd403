using AccountGrains.Silo.Hosting;

// The silo composes; it decides nothing. See Hosting/ for what each call wires.
var builder = WebApplication.CreateBuilder(args);
builder.AddAccountGrainsSilo();

var app = builder.Build();
app.MapAccountGrainsSilo();
await app.RunAsync();

/// <summary>The silo's entry point; public so in-process tests can host it.</summary>
public partial class Program;

using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Voice.Api;

// The Functions app is a skin: the same registration as DevHost, triggers that call shared handlers.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddVoiceApi(builder.Configuration);
builder.Build().Run();

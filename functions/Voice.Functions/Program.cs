using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api;
using Voice.Engine.Lifecycles;
using Voice.Functions.Lifecycles;

// The Functions app is a skin: the same registration as DevHost, triggers that call shared handlers.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddVoiceApi(builder.Configuration);

// Engine calls made inside an HTTP invocation reach Durable through that invocation's client.
builder.Services.AddSingleton<ILifecycleHost>(_ => new AmbientLifecycleHost());
builder.Build().Run();

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.OAuth;
using Qianfan.Sdk.Emulator.V2;

namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>
/// Builds the Kestrel application: an empty builder (no appsettings, no environment variables, no console logging
/// or Ctrl+C hook), one listener on the configured address, the recorder, then the routes: V1 token and chat, V2
/// chat and the IAM bearer-token endpoint, the other APIs (<see cref="AreaRoutes"/>), and the fallback.
/// </summary>
internal static class EmulatorApplication
{
    public static WebApplication Build(QianfanEmulatorOptions options, EmulatorState state, V2State v2)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorApplication).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(ParseHost(options.Host), options.Port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, SilentHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton<ILoggerFactory>(new RedactingLoggerFactory(loggerFactory));
        }

        var app = builder.Build();
        app.Use(new RequestRecorder(state).InvokeAsync);
        app.Map(ServicePaths.Token, new TokenEndpoint(state).HandleAsync);
        app.Map(ServicePaths.ChatRoute, new ChatEndpoint(state).HandleAsync);
        app.Map(V2Paths.ChatCompletions, new V2ChatEndpoint(state, v2).HandleAsync);
        app.Map(V2Paths.BearerToken, new BearerTokenEndpoint(state, v2).HandleAsync);
        AreaRoutes.Map(app, options, state, v2);
        app.Map(ModelsEndpoint.Path, new ModelsEndpoint(state, v2).HandleAsync);
        DashScope.DashScopeRoutes.Map(app, options, state);
        Zhipu.ZhipuRoutes.Map(app, options, state);
        app.MapFallback(new FallbackEndpoint(state).HandleAsync);
        EmulatorRoutes.EnsureListed(app);
        return app;
    }

    private static IPAddress ParseHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host, out var address)
            ? address
            : throw new ArgumentException($"Host must be an IP address or 'localhost', was '{host}'.", nameof(host));
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Emulator.Chat;
using Qianfan.Sdk.Emulator.OAuth;

namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>
/// Builds the Kestrel application: an empty builder (no appsettings, no environment variables, no console logging
/// or Ctrl+C hook), one listener on the configured address, the recorder, then the three routes.
/// </summary>
internal static class EmulatorApplication
{
    public static WebApplication Build(QianfanEmulatorOptions options, EmulatorState state)
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
        app.MapFallback(new FallbackEndpoint(state).HandleAsync);
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

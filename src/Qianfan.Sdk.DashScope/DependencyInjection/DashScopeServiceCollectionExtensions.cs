using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Core.Fleet;
using Qianfan.Sdk.Core.Pipeline;

namespace Qianfan.Sdk.DashScope.DependencyInjection;

/// <summary>
/// Registers <see cref="DashScopeClient"/> and its area clients (generation, images, tasks) as singletons over
/// IHttpClientFactory, so one set of client-side limits serves the whole application.
/// </summary>
public static class DashScopeServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the default registration uses; named registrations use <c>DashScope:{name}</c>.</summary>
    public const string HttpClientName = "DashScope";

    /// <summary>
    /// Registers the default client with settings and credentials from <paramref name="configuration"/> (e.g. the
    /// <c>DashScope</c> section: <c>DashScope:ApiKey</c>, <c>DashScope:Region</c>, <c>DashScope:BaseUrl</c>,
    /// <c>DashScope:Retry:MaxRetries</c> …) over the <c>DASHSCOPE_*</c> environment variables, validated at start-up.
    /// </summary>
    public static DashScopeBuilder AddDashScope(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddDashScope(serviceKey: null, c => c.Bind(configuration), o => o.Bind(configuration));
    }

    /// <summary>Registers the default client, configured in code over the <c>DASHSCOPE_*</c> environment variables.</summary>
    public static DashScopeBuilder AddDashScope(this IServiceCollection services, Action<DashScopeCredentials> credentials, Action<DashScopeOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return services.AddDashScope(serviceKey: null, c => c.Configure(credentials), o => o.Configure(options ?? (_ => { })));
    }

    /// <summary>
    /// Registers a second, named client (another key or region) as a keyed service: resolve it with
    /// <c>[FromKeyedServices("name")] DashScopeClient</c> (its area clients too). Environment variables do not apply to it.
    /// </summary>
    public static DashScopeBuilder AddDashScope(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddDashScope(name, c => c.Bind(configuration), o => o.Bind(configuration));
    }

    /// <summary>Registers a named client configured in code, as a keyed service (see the configuration overload).</summary>
    public static DashScopeBuilder AddDashScope(this IServiceCollection services, string name, Action<DashScopeCredentials> credentials, Action<DashScopeOptions>? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(credentials);
        return services.AddDashScope(name, c => c.Configure(credentials), o => o.Configure(options ?? (_ => { })));
    }

    private static DashScopeBuilder AddDashScope(
        this IServiceCollection services,
        string? serviceKey,
        Action<OptionsBuilder<DashScopeCredentials>> configureCredentials,
        Action<OptionsBuilder<DashScopeOptions>> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsName = serviceKey ?? Options.DefaultName;
        var credentials = services.AddOptions<DashScopeCredentials>(optionsName);
        var options = services.AddOptions<DashScopeOptions>(optionsName);
        if (serviceKey is null)
        {
            credentials.Configure(c => DashScopeEnvironment.Apply(c, Environment.GetEnvironmentVariable));
            options.Configure(o => DashScopeEnvironment.Apply(o, Environment.GetEnvironmentVariable));
        }

        configureCredentials(credentials);
        configureOptions(options);
        credentials.ValidateOnStart();
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashScopeOptions>>(new DashScopeSettingsValidation(optionsName));
        services.AddSingleton<IValidateOptions<DashScopeCredentials>>(new DashScopeSettingsValidation(optionsName));

        var httpClientName = serviceKey is null ? HttpClientName : $"{HttpClientName}:{serviceKey}";
        if (serviceKey is null)
        {
            services.TryAddSingleton(provider => Create(provider, optionsName, httpClientName, serviceKey));
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (provider, _) => Create(provider, optionsName, httpClientName, serviceKey));
        }

        AddArea(services, serviceKey, static c => c.Generation);
        AddArea(services, serviceKey, static c => c.Images);
        AddArea(services, serviceKey, static c => c.Tasks);

        // The client is a long-lived singleton, so its handler renews connections itself, and the SDK's own timeouts
        // (per attempt and overall) replace HttpClient.Timeout.
        var http = services.AddHttpClient(httpClientName)
            .ConfigurePrimaryHttpMessageHandler(SdkHttpHandler.Create)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return new DashScopeBuilder(services, serviceKey, http);
    }

    /// <summary>An area client as a singleton (keyed like its registration), handed out by the registration's DashScopeClient.</summary>
    private static void AddArea<T>(IServiceCollection services, string? serviceKey, Func<DashScopeClient, T> area)
        where T : class
    {
        if (serviceKey is null)
        {
            services.TryAddSingleton(provider => area(provider.GetRequiredService<DashScopeClient>()));
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (provider, key) => area(provider.GetRequiredKeyedService<DashScopeClient>(key)));
        }
    }

    private static DashScopeClient Create(IServiceProvider provider, string optionsName, string httpClientName, string? serviceKey)
    {
        var credentials = provider.GetRequiredService<IOptionsMonitor<DashScopeCredentials>>().Get(optionsName);
        var options = provider.GetRequiredService<IOptionsMonitor<DashScopeOptions>>().Get(optionsName);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName);

        // What a shared store registered for this client (UseRedis): the fleet's limits.
        var fleet = FleetServices.Resolve<DashScopeBuilder>(provider, serviceKey);
        return new DashScopeClient(credentials, options, http, provider.GetService<ILoggerFactory>(), provider.GetService<TimeProvider>(), fleet);
    }
}

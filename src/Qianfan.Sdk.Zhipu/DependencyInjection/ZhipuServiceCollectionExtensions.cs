using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Core.Fleet;
using Qianfan.Sdk.Core.Pipeline;

namespace Qianfan.Sdk.Zhipu.DependencyInjection;

/// <summary>
/// Registers <see cref="ZhipuClient"/> and its area clients (chat, asynchronous chat, images) as singletons over
/// IHttpClientFactory, so one JWT cache and one set of client-side limits serve the whole application.
/// </summary>
public static class ZhipuServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the default registration uses; named registrations use <c>Zhipu:{name}</c>.</summary>
    public const string HttpClientName = "Zhipu";

    /// <summary>
    /// Registers the default client with its key and settings from <paramref name="configuration"/> (e.g. the
    /// <c>Zhipu</c> section: <c>Zhipu:ApiKey</c>, <c>Zhipu:Region</c>, <c>Zhipu:Authentication</c>,
    /// <c>Zhipu:Retry:MaxRetries</c> …) over the <c>ZHIPUAI_API_KEY</c> and <c>ZHIPUAI_BASE_URL</c> environment variables.
    /// Both are validated at start-up.
    /// </summary>
    public static ZhipuBuilder AddZhipu(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddZhipu(serviceKey: null, c => c.Bind(configuration), o => o.Bind(configuration));
    }

    /// <summary>Registers the default client, configured in code over the <c>ZHIPUAI_*</c> environment variables.</summary>
    public static ZhipuBuilder AddZhipu(this IServiceCollection services, Action<ZhipuCredentials> credentials, Action<ZhipuOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return services.AddZhipu(serviceKey: null, c => c.Configure(credentials), o => o.Configure(options ?? (_ => { })));
    }

    /// <summary>
    /// Registers a second, named client (another key, or the other region) as a keyed service: resolve it with
    /// <c>[FromKeyedServices("name")] ZhipuClient</c> (its area clients too). Environment variables do not apply to it.
    /// </summary>
    public static ZhipuBuilder AddZhipu(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddZhipu(name, c => c.Bind(configuration), o => o.Bind(configuration));
    }

    /// <summary>Registers a named client configured in code, as a keyed service (see the configuration overload).</summary>
    public static ZhipuBuilder AddZhipu(this IServiceCollection services, string name, Action<ZhipuCredentials> credentials, Action<ZhipuOptions>? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(credentials);
        return services.AddZhipu(name, c => c.Configure(credentials), o => o.Configure(options ?? (_ => { })));
    }

    private static ZhipuBuilder AddZhipu(
        this IServiceCollection services,
        string? serviceKey,
        Action<OptionsBuilder<ZhipuCredentials>> configureCredentials,
        Action<OptionsBuilder<ZhipuOptions>> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsName = serviceKey ?? Options.DefaultName;
        var credentials = services.AddOptions<ZhipuCredentials>(optionsName);
        var options = services.AddOptions<ZhipuOptions>(optionsName);
        if (serviceKey is null)
        {
            credentials.Configure(c => ZhipuEnvironment.Apply(c, Environment.GetEnvironmentVariable));
            options.Configure(o => ZhipuEnvironment.Apply(o, Environment.GetEnvironmentVariable));
        }

        configureCredentials(credentials);
        configureOptions(options);
        credentials.ValidateOnStart();
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<ZhipuOptions>>(provider => new ZhipuSettingsValidation(name => provider.GetRequiredService<IOptionsMonitor<ZhipuOptions>>().Get(name), optionsName));
        services.AddSingleton<IValidateOptions<ZhipuCredentials>>(provider => new ZhipuSettingsValidation(name => provider.GetRequiredService<IOptionsMonitor<ZhipuOptions>>().Get(name), optionsName));

        var httpClientName = serviceKey is null ? HttpClientName : $"{HttpClientName}:{serviceKey}";
        if (serviceKey is null)
        {
            services.TryAddSingleton(provider => Create(provider, optionsName, httpClientName, serviceKey));
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (provider, _) => Create(provider, optionsName, httpClientName, serviceKey));
        }

        AddArea(services, serviceKey, static c => c.Chat);
        AddArea(services, serviceKey, static c => c.AsyncChat);
        AddArea(services, serviceKey, static c => c.Images);

        // The client is a long-lived singleton, so its handler must renew connections itself (DNS changes), and the
        // SDK's own timeouts (per attempt and overall) replace HttpClient.Timeout.
        var http = services.AddHttpClient(httpClientName)
            .ConfigurePrimaryHttpMessageHandler(SdkHttpHandler.Create)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return new ZhipuBuilder(services, serviceKey, http);
    }

    /// <summary>An area client as a singleton (keyed like its registration), handed out by the registration's ZhipuClient.</summary>
    private static void AddArea<T>(IServiceCollection services, string? serviceKey, Func<ZhipuClient, T> area)
        where T : class
    {
        if (serviceKey is null)
        {
            services.TryAddSingleton(provider => area(provider.GetRequiredService<ZhipuClient>()));
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (provider, key) => area(provider.GetRequiredKeyedService<ZhipuClient>(key)));
        }
    }

    private static ZhipuClient Create(IServiceProvider provider, string optionsName, string httpClientName, string? serviceKey)
    {
        var credentials = provider.GetRequiredService<IOptionsMonitor<ZhipuCredentials>>().Get(optionsName);
        var options = provider.GetRequiredService<IOptionsMonitor<ZhipuOptions>>().Get(optionsName);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName);

        // What a shared store registered for this client (UseRedis): the fleet's limits.
        var fleet = FleetServices.Resolve<ZhipuBuilder>(provider, serviceKey);
        return new ZhipuClient(credentials, options, http, provider.GetService<ILoggerFactory>(), provider.GetService<TimeProvider>(), fleet);
    }
}

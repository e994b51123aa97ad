using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Chat;

namespace Qianfan.Sdk.DependencyInjection;

/// <summary>
/// Registers <see cref="QianfanClient"/> (and its <see cref="ChatClient"/>) as singletons over IHttpClientFactory,
/// so one token cache and one set of client-side limits serve the whole application.
/// </summary>
public static class QianfanServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the default registration uses; named registrations use <c>Qianfan:{name}</c>.</summary>
    public const string HttpClientName = "Qianfan";

    /// <summary>
    /// Registers the default client with options from <paramref name="configuration"/> (e.g. the <c>Qianfan</c>
    /// section: <c>Qianfan:ApiKey</c>, <c>Qianfan:SecretKey</c>, <c>Qianfan:Retry:MaxRetries</c> …) over the
    /// <c>QIANFAN_*</c> environment variables. The options are validated at start-up.
    /// </summary>
    /// <returns>The HttpClient's builder, to add your own handlers.</returns>
    public static IHttpClientBuilder AddQianfan(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddQianfan(Options.DefaultName, serviceKey: null, builder => builder.Bind(configuration));
    }

    /// <summary>Registers the default client, configured in code over the <c>QIANFAN_*</c> environment variables.</summary>
    /// <returns>The HttpClient's builder, to add your own handlers.</returns>
    public static IHttpClientBuilder AddQianfan(this IServiceCollection services, Action<QianfanOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddQianfan(Options.DefaultName, serviceKey: null, builder => builder.Configure(configure));
    }

    /// <summary>
    /// Registers a second, named client (another application or account) as a keyed service: resolve it with
    /// <c>[FromKeyedServices("name")] QianfanClient</c>. Environment variables do not apply to named clients.
    /// </summary>
    /// <returns>The HttpClient's builder, to add your own handlers.</returns>
    public static IHttpClientBuilder AddQianfan(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddQianfan(name, name, builder => builder.Bind(configuration));
    }

    /// <summary>Registers a named client configured in code, as a keyed service (see the configuration overload).</summary>
    /// <returns>The HttpClient's builder, to add your own handlers.</returns>
    public static IHttpClientBuilder AddQianfan(this IServiceCollection services, string name, Action<QianfanOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddQianfan(name, name, builder => builder.Configure(configure));
    }

    private static IHttpClientBuilder AddQianfan(this IServiceCollection services, string optionsName, string? serviceKey, Action<OptionsBuilder<QianfanOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<QianfanOptions>(optionsName);
        if (serviceKey is null)
        {
            options.Configure(o => o.ApplyEnvironment(Environment.GetEnvironmentVariable));
        }

        configure(options);
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<QianfanOptions>>(provider =>
            new QianfanOptionsValidator(optionsName, HasTokenProvider(provider, serviceKey)));

        var httpClientName = serviceKey is null ? HttpClientName : $"{HttpClientName}:{serviceKey}";
        if (serviceKey is null)
        {
            services.TryAddSingleton(provider => Create(provider, optionsName, httpClientName, serviceKey));
            services.TryAddSingleton(provider => provider.GetRequiredService<QianfanClient>().Chat);
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (provider, _) => Create(provider, optionsName, httpClientName, serviceKey));
            services.TryAddKeyedSingleton(serviceKey, (provider, key) => provider.GetRequiredKeyedService<QianfanClient>(key).Chat);
        }

        // The client is a long-lived singleton, so its handler must renew connections itself (DNS changes), and the
        // SDK's own timeouts (per attempt and overall) replace HttpClient.Timeout.
        return services.AddHttpClient(httpClientName)
            .ConfigurePrimaryHttpMessageHandler(QianfanClient.CreateHandler)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }

    private static QianfanClient Create(IServiceProvider provider, string optionsName, string httpClientName, string? serviceKey)
    {
        var options = provider.GetRequiredService<IOptionsMonitor<QianfanOptions>>().Get(optionsName);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName);
        var tokens = serviceKey is null
            ? provider.GetService<IAccessTokenProvider>()
            : provider.GetKeyedService<IAccessTokenProvider>(serviceKey);
        return new QianfanClient(options, http, tokens, provider.GetService<ILoggerFactory>(), provider.GetService<TimeProvider>());
    }

    private static bool HasTokenProvider(IServiceProvider provider, string? serviceKey) =>
        (serviceKey is null ? provider.GetService<IAccessTokenProvider>() : provider.GetKeyedService<IAccessTokenProvider>(serviceKey)) is not null;
}

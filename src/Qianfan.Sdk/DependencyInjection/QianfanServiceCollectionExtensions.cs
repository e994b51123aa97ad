using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Core.Fleet;
using Qianfan.Sdk.Core.Pipeline;

namespace Qianfan.Sdk.DependencyInjection;

/// <summary>
/// Registers <see cref="QianfanClient"/> and every area client as singletons over IHttpClientFactory, so one token
/// cache and one set of client-side limits serve the whole application.
/// </summary>
public static class QianfanServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the default registration uses; named registrations use <c>Qianfan:{name}</c>.</summary>
    public const string HttpClientName = "Qianfan";

    /// <summary>
    /// Registers the default client with settings and credentials from <paramref name="configuration"/> (e.g. the
    /// <c>Qianfan</c> section: <c>Qianfan:ApiKey</c>, <c>Qianfan:SecretKey</c>, <c>Qianfan:Retry:MaxRetries</c> …) over
    /// the <c>QIANFAN_*</c> environment variables. Both are validated at start-up, and the client is then made, logging
    /// which areas (V1, V2) its credentials serve.
    /// </summary>
    public static QianfanBuilder AddQianfan(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddQianfan(serviceKey: null, c => c.Bind(configuration), o => o.Bind(configuration));
    }

    /// <summary>Registers the default client, configured in code over the <c>QIANFAN_*</c> environment variables.</summary>
    public static QianfanBuilder AddQianfan(this IServiceCollection services, Action<QianfanCredentials> credentials, Action<QianfanOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return services.AddQianfan(serviceKey: null, c => c.Configure(credentials), o => o.Configure(options ?? (_ => { })));
    }

    /// <summary>
    /// Registers a second, named client (another application or account) as a keyed service: resolve it with
    /// <c>[FromKeyedServices("name")] QianfanClient</c> (its area clients too). Environment variables do not apply to it.
    /// </summary>
    public static QianfanBuilder AddQianfan(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddQianfan(name, c => c.Bind(configuration), o => o.Bind(configuration));
    }

    /// <summary>Registers a named client configured in code, as a keyed service (see the configuration overload).</summary>
    public static QianfanBuilder AddQianfan(this IServiceCollection services, string name, Action<QianfanCredentials> credentials, Action<QianfanOptions>? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(credentials);
        return services.AddQianfan(name, c => c.Configure(credentials), o => o.Configure(options ?? (_ => { })));
    }

    private static QianfanBuilder AddQianfan(
        this IServiceCollection services,
        string? serviceKey,
        Action<OptionsBuilder<QianfanCredentials>> configureCredentials,
        Action<OptionsBuilder<QianfanOptions>> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsName = serviceKey ?? Options.DefaultName;
        var credentials = services.AddOptions<QianfanCredentials>(optionsName);
        var options = services.AddOptions<QianfanOptions>(optionsName);
        if (serviceKey is null)
        {
            credentials.Configure(c => QianfanEnvironment.Apply(c, Environment.GetEnvironmentVariable));
            options.Configure(o => QianfanEnvironment.Apply(o, Environment.GetEnvironmentVariable));
        }

        configureCredentials(credentials);
        configureOptions(options);
        credentials.ValidateOnStart();
        options.ValidateOnStart();
        services.AddSingleton(provider => Validation(provider, optionsName, serviceKey));
        services.AddSingleton<IValidateOptions<QianfanOptions>>(provider => Validation(provider, optionsName, serviceKey));
        services.AddSingleton<IValidateOptions<QianfanCredentials>>(provider => Validation(provider, optionsName, serviceKey));

        // Last, so the client is made at start-up once its settings passed: its log line says what each area can use.
        services.AddOptions<QianfanStartupCheck>(optionsName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QianfanStartupCheck>>(provider => new QianfanStartupValidation(provider, optionsName, serviceKey));

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
        AddArea(services, serviceKey, static c => c.ChatCompletions);
        AddArea(services, serviceKey, static c => c.Completions);
        AddArea(services, serviceKey, static c => c.Embeddings);
        AddArea(services, serviceKey, static c => c.EmbeddingsV2);
        AddArea(services, serviceKey, static c => c.Rerank);
        AddArea(services, serviceKey, static c => c.RerankV2);
        AddArea(services, serviceKey, static c => c.Images);
        AddArea(services, serviceKey, static c => c.ImagesV2);
        AddArea(services, serviceKey, static c => c.Tokenizer);
        AddArea(services, serviceKey, static c => c.Models);

        // The client is a long-lived singleton, so its handler must renew connections itself (DNS changes), and the
        // SDK's own timeouts (per attempt and overall) replace HttpClient.Timeout.
        var http = services.AddHttpClient(httpClientName)
            .ConfigurePrimaryHttpMessageHandler(SdkHttpHandler.Create)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return new QianfanBuilder(services, serviceKey, http);
    }

    /// <summary>An area client as a singleton (keyed like its registration), handed out by the registration's QianfanClient.</summary>
    private static void AddArea<T>(IServiceCollection services, string? serviceKey, Func<QianfanClient, T> area)
        where T : class
    {
        if (serviceKey is null)
        {
            services.TryAddSingleton(provider => area(provider.GetRequiredService<QianfanClient>()));
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (provider, key) => area(provider.GetRequiredKeyedService<QianfanClient>(key)));
        }
    }

    private static QianfanSettingsValidation Validation(IServiceProvider provider, string optionsName, string? serviceKey) =>
        new(optionsName, TokenProvider(provider, serviceKey) is not null);

    private static QianfanClient Create(IServiceProvider provider, string optionsName, string httpClientName, string? serviceKey)
    {
        var credentials = provider.GetRequiredService<IOptionsMonitor<QianfanCredentials>>().Get(optionsName);
        var options = provider.GetRequiredService<IOptionsMonitor<QianfanOptions>>().Get(optionsName);
        if (TokenProvider(provider, serviceKey) is { } tokens)
        {
            credentials = new QianfanCredentials(tokens)
            {
                ApiKey = credentials.ApiKey,
                SecretKey = credentials.SecretKey,
                AccessToken = credentials.AccessToken,
                IamAccessKey = credentials.IamAccessKey,
                IamSecretKey = credentials.IamSecretKey,
                V2ApiKey = credentials.V2ApiKey,
            };
        }

        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName);

        // What a shared store registered for this client (UseRedis): the fleet's tokens and limits.
        var fleet = FleetServices.Resolve<QianfanBuilder>(provider, serviceKey);
        return new QianfanClient(credentials, options, http, provider.GetService<ILoggerFactory>(), provider.GetService<TimeProvider>(), fleet);
    }

    private static IAccessTokenProvider? TokenProvider(IServiceProvider provider, string? serviceKey) =>
        serviceKey is null ? provider.GetService<IAccessTokenProvider>() : provider.GetKeyedService<IAccessTokenProvider>(serviceKey);
}

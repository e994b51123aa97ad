using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Core.Fleet;
using Qianfan.Sdk.Core.DependencyInjection;

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
        var http = services.AddClient(
            serviceKey,
            HttpClientName,
            configureCredentials,
            configureOptions,
            QianfanEnvironment.Apply,
            QianfanEnvironment.Apply,
            (provider, credentials, options, httpClient) => Create(provider, credentials, options, httpClient, serviceKey));
        var optionsName = ClientRegistration.OptionsName(serviceKey);
        services.AddSingleton(provider => Validation(provider, optionsName, serviceKey));
        services.AddSingleton<IValidateOptions<QianfanOptions>>(provider => Validation(provider, optionsName, serviceKey));
        services.AddSingleton<IValidateOptions<QianfanCredentials>>(provider => Validation(provider, optionsName, serviceKey));

        // Last, so the client is made at start-up once its settings passed: its log line says what each area can use.
        services.AddOptions<QianfanStartupCheck>(optionsName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QianfanStartupCheck>>(provider => new QianfanStartupValidation(provider, optionsName, serviceKey));

        services.AddArea(serviceKey, static (QianfanClient c) => c.Chat);
        services.AddArea(serviceKey, static (QianfanClient c) => c.ChatCompletions);
        services.AddArea(serviceKey, static (QianfanClient c) => c.Completions);
        services.AddArea(serviceKey, static (QianfanClient c) => c.Embeddings);
        services.AddArea(serviceKey, static (QianfanClient c) => c.EmbeddingsV2);
        services.AddArea(serviceKey, static (QianfanClient c) => c.Rerank);
        services.AddArea(serviceKey, static (QianfanClient c) => c.RerankV2);
        services.AddArea(serviceKey, static (QianfanClient c) => c.Images);
        services.AddArea(serviceKey, static (QianfanClient c) => c.ImagesV2);
        services.AddArea(serviceKey, static (QianfanClient c) => c.Tokenizer);
        services.AddArea(serviceKey, static (QianfanClient c) => c.Models);
        return new QianfanBuilder(services, serviceKey, http);
    }

    private static QianfanSettingsValidation Validation(IServiceProvider provider, string optionsName, string? serviceKey) =>
        new(optionsName, TokenProvider(provider, serviceKey) is not null);

    private static QianfanClient Create(IServiceProvider provider, QianfanCredentials credentials, QianfanOptions options, HttpClient http, string? serviceKey)
    {
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

        // What a shared store registered for this client (UseRedis): the fleet's tokens and limits.
        var fleet = FleetServices.Resolve<QianfanBuilder>(provider, serviceKey);
        return new QianfanClient(credentials, options, http, provider.GetService<ILoggerFactory>(), provider.GetService<TimeProvider>(), fleet);
    }

    private static IAccessTokenProvider? TokenProvider(IServiceProvider provider, string? serviceKey) =>
        serviceKey is null ? provider.GetService<IAccessTokenProvider>() : provider.GetKeyedService<IAccessTokenProvider>(serviceKey);
}

using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Configuration;

/// <summary>QianfanCredentials: the checks a client makes of them, naming what is missing, and that no secret is ever printed.</summary>
public sealed class CredentialsTests
{
    [Fact]
    public void ToString_NeverContainsAnySecret()
    {
        var credentials = new QianfanCredentials
        {
            ApiKey = "ak-value-123",
            SecretKey = "sk-value-456",
            AccessToken = "24.token-value-789",
            IamAccessKey = "iam-ak-value",
            IamSecretKey = "iam-sk-value",
            V2ApiKey = "bce-v3/ALTAK-v2-key-value",
        };

        var text = credentials.ToString();

        Assert.DoesNotContain("iam-ak-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("iam-sk-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("v2-key-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ak-value-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-value-456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("token-value-789", text, StringComparison.Ordinal);
        Assert.Contains("SecretKey=***", text, StringComparison.Ordinal);
        Assert.Contains("V2ApiKey=***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_SaysWhichCredentialsAreAbsent()
    {
        var text = new QianfanCredentials().ToString();

        Assert.Contains("ApiKey=(none)", text, StringComparison.Ordinal);
        Assert.Contains("AccessToken=(none)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AccessTokenProvider", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_WithoutAnyCredentialsNamesWhatIsMissing()
    {
        using var fake = new FakeQianfan();

        var ex = Assert.Throws<ArgumentException>(() => new QianfanClient(new QianfanCredentials(), fake.Options(), fake.HttpClient));

        Assert.Contains("ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SecretKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AccessToken", ex.Message, StringComparison.Ordinal);
        Assert.Contains("V2ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Equal("credentials", ex.ParamName);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public void Client_ApiKeyWithoutSecretKeyNamesSecretKeyAndEchoesNoSecret()
    {
        var ex = Assert.Throws<ArgumentException>(() => new QianfanClient(new QianfanCredentials { ApiKey = "ak-value-123" }, null, new HttpClient()));

        Assert.StartsWith("SecretKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ak-value-123", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Client_SecretKeyWithoutApiKeyNamesApiKeyAndEchoesNoSecret()
    {
        var ex = Assert.Throws<ArgumentException>(() => new QianfanClient(new QianfanCredentials { SecretKey = "sk-value-456" }, null, new HttpClient()));

        Assert.StartsWith("ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-value-456", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Client_HalfAnIamKeyPairNamesTheOtherHalfAndEchoesNoSecret()
    {
        var ex = Assert.Throws<ArgumentException>(() => new QianfanClient(new QianfanCredentials { IamAccessKey = "iam-ak-value", V2ApiKey = "bce-v3/ALTAK-x" }, null, new HttpClient()));

        Assert.StartsWith("IamSecretKey (Qianfan:IamSecretKey, QIANFAN_SECRET_KEY) is missing", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("iam-ak-value", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Client_WithACustomTokenProviderNeedsNoOtherCredentials()
    {
        using var client = new QianfanClient(new QianfanCredentials(new Sdk.Authentication.StaticAccessTokenProvider("x", "test", "test")), null, new HttpClient());

        Assert.NotNull(client.Chat);
    }

    [Fact]
    public void Client_NullCredentialsAreRejected() =>
        Assert.Throws<ArgumentNullException>(() => new QianfanClient(null!));
}

using Qianfan.Sdk.Authentication;

// The flat namespace, not Qianfan.Sdk.Tests.Authentication: such a namespace would capture the "Authentication.…"
// names other tests in Qianfan.Sdk.Tests use for the SDK's Qianfan.Sdk.Authentication types.
namespace Qianfan.Sdk.Tests.Authentication;

/// <summary>
/// <c>bce-auth-v1</c> signing against the vectors Baidu and the BCE SDK test suites publish, then each
/// canonicalization step on its own (query, headers, path, percent-encoding).
/// </summary>
public sealed class BceSignerTests
{
    // The worked example of Baidu's "生成认证字符串" page (https://cloud.baidu.com/doc/Reference/s/wjwvz1xt2):
    // a BOS UploadPart signed with AK a×32, SK b×32 at 2015-04-27T08:23:49Z.
    private const string DocAccessKey = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string DocSecretKey = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string DocPath = "/v1/test/myfolder/readme.txt";
    private static readonly DateTimeOffset DocTime = new(2015, 4, 27, 8, 23, 49, TimeSpan.Zero);
    private static readonly KeyValuePair<string, string?>[] DocQuery =
        [Q("partNumber", "9"), Q("uploadId", "a44cc9bab11cbd156984767aad637851")];

    // ---- Published vectors ----

    // Source: baidubce/bce-sdk-js, test/sdk/auth.spec.js, it('generateAuthorization'), first case (the same test is
    // in ecomfe/baidubce-sdk, test/sdk/auth.spec.js). That signer picks the headers itself (host and x-bce-*), so its
    // third header "abc: 123" is not signed; here the signed headers are passed explicitly.
    [Fact]
    public void Sign_BceSdkJsVector_PutWithQueryAndUserMetadata()
    {
        var authorization = BceSigner.Sign(
            "my_ak",
            "my_sk",
            HttpMethod.Put,
            "/v1/bucket/object1",
            [Q("A", null), Q("b", ""), Q("C", "d")],
            [H("Host", "bce.baidu.com"), H("x-bce-meta-key1", "ABC")],
            DateTimeOffset.FromUnixTimeSeconds(1402639056),
            1800);

        Assert.Equal(
            "bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800/host;x-bce-meta-key1/"
            + "80c9672aca2ea9af4bb40b9a8ff458d72df94e97d550840727f3a929af271d25",
            authorization);
    }

    // Source: baidubce/bce-sdk-js, test/sdk/auth.spec.js, it('generateAuthorization'), DELETE case (also in
    // ecomfe/baidubce-sdk, test/sdk/auth.spec.js). Its "User-Agent" header is not one the signer signs.
    [Fact]
    public void Sign_BceSdkJsVector_DeleteWithContentHeaders()
    {
        var authorization = BceSigner.Sign(
            "my_ak",
            "my_sk",
            HttpMethod.Delete,
            "/v1/test-bucket1361199862",
            [],
            [H("Content-Type", "application/json; charset=utf-8"), H("Content-Length", "0")],
            DateTimeOffset.FromUnixTimeSeconds(1402639056),
            1800);

        Assert.Equal(
            "bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800/content-length;content-type/"
            + "c9386b15d585960ae5e6972f73ed92a9a682dc81025480ba5b41206d3e489822",
            authorization);
    }

    // Source: HuangShaoyan/cloud-api-signer, tests/test_bce.py (commit 06a4b7739b3ab7db072ca7917d886b15e8257075),
    // test_make_auth_with_headers_to_sign, which reproduces Baidu's worked example (wjwvz1xt2) with the default signed
    // headers host, content-length, content-md5, content-type and x-bce-date. Its "Date" header is not signed.
    [Fact]
    public void Sign_BaiduDocumentedExample_DefaultHeaders()
    {
        KeyValuePair<string, string>[] headers =
        [
            H("Host", "bj.bcebos.com"),
            H("Content-Type", "text/plain"),
            H("Content-Length", "8"),
            H("Content-Md5", "NFzcPqhviddjRNnSOGo4rw=="),
            H("x-bce-date", "2015-04-27T08:23:49Z"),
        ];

        var (canonicalRequest, signedHeaders) = BceSigner.CanonicalRequest("PUT", DocPath, DocQuery, headers);
        var authorization = BceSigner.Sign(DocAccessKey, DocSecretKey, HttpMethod.Put, DocPath, DocQuery, headers, DocTime, 1800);

        Assert.Equal(
            "PUT\n/v1/test/myfolder/readme.txt\npartNumber=9&uploadId=a44cc9bab11cbd156984767aad637851\n"
            + "content-length:8\ncontent-md5:NFzcPqhviddjRNnSOGo4rw%3D%3D\ncontent-type:text%2Fplain\n"
            + "host:bj.bcebos.com\nx-bce-date:2015-04-27T08%3A23%3A49Z",
            canonicalRequest);
        Assert.Equal("content-length;content-md5;content-type;host;x-bce-date", signedHeaders);
        Assert.Equal(
            "bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800"
            + "/content-length;content-md5;content-type;host;x-bce-date"
            + "/d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e",
            authorization);
    }

    // Source: HuangShaoyan/cloud-api-signer, tests/test_bce.py (commit 06a4b7739b3ab7db072ca7917d886b15e8257075),
    // test_make_auth_without_headers_to_sign: the same example signing only host and x-bce-date.
    [Fact]
    public void Sign_BaiduDocumentedExample_HostAndDateOnly()
    {
        KeyValuePair<string, string>[] headers = [H("Host", "bj.bcebos.com"), H("x-bce-date", "2015-04-27T08:23:49Z")];

        var (canonicalRequest, _) = BceSigner.CanonicalRequest("PUT", DocPath, DocQuery, headers);
        var authorization = BceSigner.Sign(DocAccessKey, DocSecretKey, HttpMethod.Put, DocPath, DocQuery, headers, DocTime, 1800);

        Assert.Equal(
            "PUT\n/v1/test/myfolder/readme.txt\npartNumber=9&uploadId=a44cc9bab11cbd156984767aad637851\n"
            + "host:bj.bcebos.com\nx-bce-date:2015-04-27T08%3A23%3A49Z",
            canonicalRequest);
        Assert.Equal(
            "bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800/host;x-bce-date"
            + "/1b8de5a23a56eef657c69f94c621e7acd227d049a4ba577f537d5e5cebf0cf32",
            authorization);
    }

    // Source: HuangShaoyan/cloud-api-signer, tests/test_bce.py (commit 06a4b7739b3ab7db072ca7917d886b15e8257075),
    // expected signing_key of both tests: HMAC-SHA256-HEX(SK, "bce-auth-v1/{AK}/2015-04-27T08:23:49Z/1800").
    [Fact]
    public void SigningKey_BaiduDocumentedExample()
    {
        Assert.Equal(
            "1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479",
            BceSigner.HmacSha256Hex(DocSecretKey, "bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800"));
    }

    // Source: dzgrief/bce-sdk, tests/SignerTest.php, testSign: the documented example with and without its query.
    // That signer writes the default-headers form "…/1800//{signature}"; this one always lists what it signed, and the
    // list is not part of what is hashed, so the published prefix and signature must match exactly.
    [Theory]
    [InlineData(true, "d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e")]
    [InlineData(false, "0558aac491bbef484d3aaa30ac1e65d4ff10daccd351f15c91e922ee4ce72690")]
    public void Sign_DzgriefBceSdkVector_DefaultHeaders(bool withQuery, string signature)
    {
        KeyValuePair<string, string>[] headers =
        [
            H("x-bce-date", "2015-04-27T08:23:49Z"),
            H("content-type", "text/plain"),
            H("content-length", "8"),
            H("content-md5", "NFzcPqhviddjRNnSOGo4rw=="),
            H("host", "bj.bcebos.com"),
        ];

        var authorization = BceSigner.Sign(
            DocAccessKey, DocSecretKey, HttpMethod.Put, DocPath, withQuery ? DocQuery : [], headers, DocTime, 1800);

        Assert.StartsWith("bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800/", authorization, StringComparison.Ordinal);
        Assert.Equal(signature, authorization[(authorization.LastIndexOf('/') + 1)..]);
    }

    // Source: Baidu's "生成认证字符串" page (https://cloud.baidu.com/doc/Reference/s/njwvz1yfu, CanonicalQueryString
    // example), as quoted in the test_to_canonical_query_string of HuangShaoyan's bceauth package tests: whole
    // "key=value" strings are sorted, so text10=… precedes text1=…, which precedes text=.
    [Fact]
    public void CanonicalQueryString_BaiduDocumentedExample()
    {
        Assert.Equal(
            "text10=test&text1=%E6%B5%8B%E8%AF%95&text=",
            BceSigner.CanonicalQueryString([Q("text", null), Q("text1", "测试"), Q("text10", "test")]));
    }

    // Source: baidubce/bce-sdk-js, test/sdk/auth.spec.js, it('queryStringCanonicalization').
    [Fact]
    public void CanonicalQueryString_BceSdkJsVector()
    {
        Assert.Equal("A=A&B=&C=", BceSigner.CanonicalQueryString([Q("A", "A"), Q("B", null), Q("C", "")]));
    }

    // Source: baidubce/bce-sdk-js, test/sdk/auth.spec.js, it('headersCanonicalization'). That signer drops the empty
    // "C" header and adds Content-MD5 (a default) the second time; here the signed headers are passed explicitly.
    [Fact]
    public void CanonicalHeaders_BceSdkJsVector()
    {
        var (_, signedHeaders) = BceSigner.CanonicalHeaders([H("Host", "localhost"), H("x-bce-a", "a/b:c")]);
        var (canonicalHeaders, _) = BceSigner.CanonicalHeaders(
            [H("Host", "localhost"), H("x-bce-a", "a/b:c"), H("Content-MD5", "MD5")]);

        Assert.Equal("host;x-bce-a", signedHeaders);
        Assert.Equal("content-md5:MD5\nhost:localhost\nx-bce-a:a%2Fb%3Ac", canonicalHeaders);
    }

    // Source: baidubce/bce-sdk-js, test/sdk/auth.spec.js, it('uriCanonicalization') (strings.normalize), and
    // ecomfe/baidubce-sdk, test/sdk/auth.spec.js, it('uriCanonicalization'): RFC 3986 sub-delims are encoded too.
    [Theory]
    [InlineData("!'()*this is an example for 测试", "%21%27%28%29%2Athis%20is%20an%20example%20for%20%E6%B5%8B%E8%AF%95")]
    [InlineData("this is an example for 测试", "this%20is%20an%20example%20for%20%E6%B5%8B%E8%AF%95")]
    public void UriEncode_BceSdkJsVectors(string value, string expected)
    {
        Assert.Equal(expected, BceSigner.UriEncode(value));
    }

    // Source: Baidu's CanonicalURI example (https://cloud.baidu.com/doc/Reference/s/hjwvz1y4f and njwvz1yfu):
    // the path /example/测试 of https://bos.cn-n1.baidubce.com/example/测试.
    [Fact]
    public void CanonicalUri_BaiduDocumentedExample()
    {
        Assert.Equal("/example/%E6%B5%8B%E8%AF%95", BceSigner.CanonicalUri("/example/测试"));
    }

    // ---- Query canonicalization ----

    [Fact]
    public void CanonicalQueryString_EncodesReservedAndNonAsciiCharactersInKeysAndValues()
    {
        var query = BceSigner.CanonicalQueryString([Q("a b", "x/y"), Q("k=1", "&+~"), Q("名", "值")]);

        // Cross-checked with Python 3: "&".join(sorted(quote(k, safe="~") + "=" + quote(v, safe="~") for k, v in pairs)).
        Assert.Equal("%E5%90%8D=%E5%80%BC&a%20b=x%2Fy&k%3D1=%26%2B~", query);
    }

    [Fact]
    public void CanonicalQueryString_SortsOrdinallyByTheWholeEncodedPair()
    {
        // As the Go, Python, Java and JS signers sort: upper case before lower case, and "a-b=…" before "a=…" because
        // '-' (0x2D) sorts before '=' (0x3D). Sorting by key alone would give a different (rejected) signature.
        Assert.Equal("B=2&a-b=3&a=1&b=4", BceSigner.CanonicalQueryString([Q("b", "4"), Q("a", "1"), Q("B", "2"), Q("a-b", "3")]));
    }

    [Fact]
    public void CanonicalQueryString_KeepsRepeatedKeysSortedByValue()
    {
        Assert.Equal("k=1&k=2", BceSigner.CanonicalQueryString([Q("k", "2"), Q("k", "1")]));
    }

    [Fact]
    public void CanonicalQueryString_SignsEmptyAndMissingValuesAsKeyEquals()
    {
        Assert.Equal("empty=&missing=&x=1", BceSigner.CanonicalQueryString([Q("x", "1"), Q("missing", null), Q("empty", "")]));
    }

    [Fact]
    public void CanonicalQueryString_LeavesOutTheAuthorizationKeyInAnyCase()
    {
        Assert.Equal(
            "a=1&authorizationx=2",
            BceSigner.CanonicalQueryString([Q("authorization", "x"), Q("Authorization", "y"), Q("a", "1"), Q("authorizationx", "2")]));
    }

    [Fact]
    public void CanonicalQueryString_OfNoParametersIsEmpty()
    {
        Assert.Equal(string.Empty, BceSigner.CanonicalQueryString([]));
    }

    // ---- Header canonicalization ----

    [Fact]
    public void CanonicalHeaders_LowercasesTrimsEncodesAndSorts()
    {
        var (canonical, signed) = BceSigner.CanonicalHeaders(
        [
            H("X-Bce-Date", " 2024-04-06T08:23:49Z "),
            H("  Content-Type\t", "\tapplication/json; charset=utf-8  "),
            H("HOST", "127.0.0.1:8080"),
            H("x-bce-meta-name", "张三"),
        ]);

        Assert.Equal(
            "content-type:application%2Fjson%3B%20charset%3Dutf-8\nhost:127.0.0.1%3A8080\n"
            + "x-bce-date:2024-04-06T08%3A23%3A49Z\nx-bce-meta-name:%E5%BC%A0%E4%B8%89",
            canonical);
        Assert.Equal("content-type;host;x-bce-date;x-bce-meta-name", signed);
    }

    [Fact]
    public void CanonicalHeaders_SignsAnEmptyValueAsNameColon()
    {
        var (canonical, signed) = BceSigner.CanonicalHeaders([H("x-bce-empty", "   "), H("host", "h")]);

        Assert.Equal("host:h\nx-bce-empty:", canonical);
        Assert.Equal("host;x-bce-empty", signed);
    }

    [Fact]
    public void CanonicalHeaders_LeavesOutAnAuthorizationHeader()
    {
        var (canonical, signed) = BceSigner.CanonicalHeaders([H("Authorization", "bce-auth-v1/old"), H("host", "h")]);

        Assert.Equal("host:h", canonical);
        Assert.Equal("host", signed);
    }

    [Fact]
    public void CanonicalHeaders_RejectsAHeaderListedTwiceInAnyCase()
    {
        Assert.Throws<ArgumentException>(() => BceSigner.CanonicalHeaders([H("Host", "a"), H("host", "b")]));
    }

    [Fact]
    public void CanonicalHeaders_RejectsAnEmptyName()
    {
        Assert.Throws<ArgumentException>(() => BceSigner.CanonicalHeaders([H(" ", "a")]));
    }

    // ---- Path and percent-encoding ----

    [Theory]
    [InlineData("/v1/我的 文件/a+b~c", "/v1/%E6%88%91%E7%9A%84%20%E6%96%87%E4%BB%B6/a%2Bb~c")]
    [InlineData("/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/ernie-lite-8k", "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/ernie-lite-8k")]
    [InlineData("/a//b/", "/a//b/")]
    [InlineData("/a?b=c#d", "/a%3Fb%3Dc%23d")]
    [InlineData("no/leading/slash", "/no/leading/slash")]
    [InlineData("", "/")]
    public void CanonicalUri_EncodesAllButSlashAndStartsWithSlash(string path, string expected)
    {
        Assert.Equal(expected, BceSigner.CanonicalUri(path));
    }

    [Theory]
    [InlineData("AZaz09-._~", "AZaz09-._~")]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("/", "%2F")]
    [InlineData("é", "%C3%A9")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("\u007f\n", "%7F%0A")]
    [InlineData("", "")]
    public void UriEncode_KeepsOnlyUnreservedCharactersWithUpperCaseHex(string value, string expected)
    {
        Assert.Equal(expected, BceSigner.UriEncode(value));
    }

    [Fact]
    public void UriEncode_KeepsSlashOnlyWhenAsked()
    {
        Assert.Equal("a%2Fb", BceSigner.UriEncode("a/b"));
        Assert.Equal("a/b", BceSigner.UriEncode("a/b", encodeSlash: false));
    }

    // ---- Sign: format and arguments ----

    [Fact]
    public void Sign_WritesTheTimestampInUtcToTheSecond()
    {
        var at = new DateTimeOffset(2024, 4, 6, 16, 23, 49, 987, TimeSpan.FromHours(8));

        var authorization = BceSigner.Sign("ak", "sk", HttpMethod.Post, "/", [], [H("host", "h")], at, 300);

        Assert.StartsWith("bce-auth-v1/ak/2024-04-06T08:23:49Z/300/host/", authorization, StringComparison.Ordinal);
        Assert.Equal("2024-04-06T08:23:49Z", BceSigner.FormatTimestamp(at));
    }

    [Fact]
    public void Sign_WithNoHeadersLeavesTheListEmpty()
    {
        var authorization = BceSigner.Sign("ak", "sk", HttpMethod.Get, "/", [], [], DocTime, 1800);

        Assert.Matches("^bce-auth-v1/ak/2015-04-27T08:23:49Z/1800//[0-9a-f]{64}$", authorization);
    }

    [Fact]
    public void Sign_DependsOnEverySignedPart()
    {
        string Sign(string path = "/p", string query = "v", string header = "h", string method = "POST") => BceSigner.Sign(
            "ak", "sk", new HttpMethod(method), path, [Q("q", query)], [H("host", header)], DocTime, 1800);

        string[] all = [Sign(), Sign(path: "/p2"), Sign(query: "v2"), Sign(header: "h2"), Sign(method: "PUT")];

        Assert.Equal(all.Length, all.Distinct().Count());
    }

    [Fact]
    public void Sign_RejectsKeysThatCannotBeSent()
    {
        Assert.Throws<ArgumentException>(() => BceSigner.Sign("a/k", "sk", HttpMethod.Get, "/", [], [], DocTime, 1800));
        Assert.Throws<ArgumentException>(() => BceSigner.Sign("", "sk", HttpMethod.Get, "/", [], [], DocTime, 1800));
        Assert.Throws<ArgumentException>(() => BceSigner.Sign("ak", "", HttpMethod.Get, "/", [], [], DocTime, 1800));
        Assert.Throws<ArgumentOutOfRangeException>(() => BceSigner.Sign("ak", "sk", HttpMethod.Get, "/", [], [], DocTime, -1));
    }

    private static KeyValuePair<string, string?> Q(string key, string? value) => new(key, value);

    private static KeyValuePair<string, string> H(string name, string value) => new(name, value);
}

using System.Net;
using System.Net.WebSockets;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Security;

/// <summary>The WebSocket stream with anonymous loopback access off: keys, the session cookie, Origin, and the key's scope.</summary>
public sealed class StreamSecurityTests(SecureServerFixture fixture) : IClassFixture<SecureServerFixture>
{
    private SecureServer Secure => fixture.Secure;

    private Uri StreamUri(string? query = null) => new UriBuilder(ModelOpsStreamClient.StreamUri(Secure.Server.Root, null)) { Query = query ?? "" }.Uri;

    /// <summary>The handshake's HTTP status: 101 when the socket opened, the refusal's status otherwise.</summary>
    private async Task<int> HandshakeAsync(Action<ClientWebSocketOptions> configure, string? query = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure(socket.Options);
        try
        {
            await socket.ConnectAsync(StreamUri(query), TestContext.Current.CancellationToken);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, TestContext.Current.CancellationToken);
            return 101;
        }
        catch (WebSocketException)
        {
            return (int)socket.HttpStatusCode;
        }
    }

    [Fact]
    public async Task The_handshake_needs_a_key_by_header_by_access_token_or_by_the_session_cookie()
    {
        var key = (await Secure.CreateKeyAsync("stream-viewer", ApiRole.Viewer)).Key;

        Assert.Equal(401, await HandshakeAsync(_ => { }));
        Assert.Equal(401, await HandshakeAsync(_ => { }, $"access_token={SecureServer.NewSecret()}"));
        Assert.Equal(101, await HandshakeAsync(options => options.SetRequestHeader("Authorization", $"Bearer {key}")));
        Assert.Equal(101, await HandshakeAsync(options => options.SetRequestHeader("X-API-Key", key)));
        Assert.Equal(101, await HandshakeAsync(_ => { }, $"access_token={Uri.EscapeDataString(key)}"));
        Assert.Equal(101, await HandshakeAsync(options => options.SetRequestHeader("Cookie", $"{ApiKeyHeaders.SessionCookie}={key}")));
    }

    [Fact]
    public async Task An_access_token_in_the_query_is_taken_only_on_the_websocket_handshake()
    {
        var key = (await Secure.CreateKeyAsync("query-viewer", ApiRole.Viewer)).Key;
        using var anonymous = Secure.ClientFor(null);
        using var response = await anonymous.GetAsync($"api/v1/models?access_token={Uri.EscapeDataString(key)}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_foreign_origin_is_refused_with_403_before_the_upgrade_and_the_own_and_allowed_origins_are_not()
    {
        var key = (await Secure.CreateKeyAsync("origin-viewer", ApiRole.Viewer)).Key;
        void With(ClientWebSocketOptions options, string origin)
        {
            options.SetRequestHeader("X-API-Key", key);
            options.SetRequestHeader("Origin", origin);
        }

        Assert.Equal(403, await HandshakeAsync(options => With(options, "https://evil.example")));
        Assert.Equal(403, await HandshakeAsync(options => With(options, $"http://localhost.evil.example:{Secure.Server.Port}")));
        Assert.Equal(101, await HandshakeAsync(options => With(options, $"http://127.0.0.1:{Secure.Server.Port}")));
        Assert.Equal(101, await HandshakeAsync(options => With(options, SecureServer.AllowedOrigin)));
    }

    [Fact]
    public async Task The_stream_shows_a_scoped_key_only_its_models_in_initial_state_select_and_updates()
    {
        var cancel = TestContext.Current.CancellationToken;
        foreach (var id in new[] { "live-fraud-1", "live-churn" })
        {
            await Secure.AdminClient.PutModelAsync(id, TestData.Classifier(), cancel);
        }
        var key = (await Secure.CreateKeyAsync("live-fraud-team", ApiRole.Viewer, "live-fraud-*")).Key;
        await using var admin = await ModelOpsStreamClient.ConnectAsync(Secure.Server.Root, "live-churn", cancel, apiKey: Secure.AdminKey);
        await using var scoped = await ModelOpsStreamClient.ConnectAsync(Secure.Server.Root, "live-churn", cancel, apiKey: key);
        var seen = new List<StreamMessage>();
        await using var reading = scoped.ReadAllAsync(cancel).GetAsyncEnumerator(cancel);

        async Task<T> NextAsync<T>(Func<T, bool> wanted) where T : StreamMessage
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            while (await reading.MoveNextAsync().AsTask().WaitAsync(timeout.Token))
            {
                seen.Add(reading.Current);
                if (reading.Current is T message && wanted(message))
                {
                    return message;
                }
            }
            throw new InvalidOperationException($"The stream closed before a {typeof(T).Name}.");
        }

        var error = await NextAsync<ErrorMessage>(_ => true);
        Assert.Equal("model 'live-churn' does not exist; watching 'live-fraud-1' instead", error.Detail);
        var initial = await NextAsync<InitialStateMessage>(_ => true);
        Assert.Equal(["live-fraud-1"], initial.State.Models.Select(model => model.Id));
        Assert.Equal("live-fraud-1", initial.State.ActiveModelId);

        await scoped.SelectModelAsync("live-churn", cancel);
        Assert.Equal("select-model: model 'live-churn' does not exist", (await NextAsync<ErrorMessage>(_ => true)).Detail);

        // The other model's update reaches the admin first; then the scoped key's own.
        await Secure.AdminClient.PostEventsAsync("live-churn", TestData.Events(5), cancel);
        await foreach (var message in admin.ReadAllAsync(cancel))
        {
            if (message is ModelUpdateMessage { Model: { Id: "live-churn", Metrics.Count: > 0 } })
            {
                break;
            }
        }
        await Secure.AdminClient.PostEventsAsync("live-fraud-1", TestData.Events(5), cancel);
        await NextAsync<ModelUpdateMessage>(update => update.Model is { Id: "live-fraud-1", Metrics.Count: > 0 });

        Assert.DoesNotContain(seen, message => message switch
        {
            ModelUpdateMessage update => update.Model.Id == "live-churn",
            NewLogMessage log => log.ModelId == "live-churn",
            NewAlertMessage alert => alert.Alert.ModelId == "live-churn",
            _ => false,
        });
    }
}

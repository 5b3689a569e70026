using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;

namespace ModelOps.Dashboard.Tests.Manage;

public sealed class ChannelsPanelTests : ApiTestContext
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    private static readonly NotificationChannel OnCall = new()
    {
        Id = "oncall", Type = ChannelTypes.PagerDuty, Url = "https://events.pagerduty.com/v2/enqueue", RoutingKey = "••••5678",
        MinSeverity = AlertSeverity.Critical, Models = ["*"], RepeatInterval = Duration.FromMinutes(240),
    };

    private static readonly NotificationChannel Team = new()
    {
        Id = "team", Type = ChannelTypes.Slack, Url = "https://hooks.slack.com/services/T0/B0/x", Models = ["fraud", "churn"], RepeatInterval = Duration.FromMinutes(240),
    };

    [Fact]
    public async Task Channels_are_listed_with_their_keys_masked_as_the_API_returns_them()
    {
        var panel = await RenderPanelAsync(rows: 2, OnCall, Team);

        Assert.Equal(
            [
                "oncall | pagerduty | https://events.pagerduty.com/v2/enqueue · key ••••5678 | * | critical",
                "team | slack | https://hooks.slack.com/services/T0/B0/x | fraud, churn | info",
            ],
            panel.FindAll("[data-testid=channel-row]").Select(row => string.Join(" | ", row.QuerySelectorAll("td").Take(5).Select(cell => cell.TextContent))));
        Assert.DoesNotContain("R0UT", panel.Markup);
    }

    [Fact]
    public async Task Send_test_shows_on_the_channels_row_whether_it_was_delivered()
    {
        Api.Answer("POST", "/api/v1/channels/oncall/test", new ChannelTestResult(true, 202, null), Json.ChannelTestResult);
        Api.Answer("POST", "/api/v1/channels/team/test", new ChannelTestResult(false, 404, "HTTP 404: no_service"), Json.ChannelTestResult);
        var panel = await RenderPanelAsync(rows: 2, OnCall, Team);

        await panel.FindAll("[data-testid=channel-test]")[0].ClickAsync(new());
        await panel.FindAll("[data-testid=channel-test]")[1].ClickAsync(new());

        Assert.Equal(["GET /api/v1/channels", "POST /api/v1/channels/oncall/test", "POST /api/v1/channels/team/test"], Api.Requests);
        Assert.Equal(["Test delivered (HTTP 202).", "Test not delivered: HTTP 404: no_service"],
            panel.FindAll("[data-testid=channel-test-result]").Select(result => result.TextContent));
        Assert.Equal(["form-success", "form-error"], panel.FindAll("[data-testid=channel-test-result]").Select(result => result.ClassName));
        Assert.Equal("Send a test notification to oncall", panel.FindAll("[data-testid=channel-test]")[0].GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Delete_asks_for_a_second_press_then_deletes_and_reads_the_list_again()
    {
        Api.AnswerNoContent("DELETE", "/api/v1/channels/team");
        var panel = await RenderPanelAsync(rows: 2, OnCall, Team);

        await panel.FindAll("[data-testid=channel-delete]")[1].ClickAsync(new());
        var asked = (Text: panel.FindAll("[data-testid=channel-delete]")[1].TextContent.Trim(), Label: panel.FindAll("[data-testid=channel-delete]")[1].GetAttribute("aria-label"),
            Requests: Api.Requests.Count);
        Api.Answer<IReadOnlyList<NotificationChannel>>("GET", "/api/v1/channels", [OnCall], Json.IReadOnlyListNotificationChannel);
        await panel.FindAll("[data-testid=channel-delete]")[1].ClickAsync(new());

        Assert.Equal(("Confirm delete", "Confirm deleting team", 1), asked);
        Assert.Equal(["GET /api/v1/channels", "DELETE /api/v1/channels/team", "GET /api/v1/channels"], Api.Requests);
        Assert.Equal(["oncall"], panel.FindAll("[data-testid=channel-row]").Select(row => row.GetAttribute("data-channel-id")));
    }

    [Fact]
    public async Task A_test_of_a_channel_deleted_meanwhile_says_so()
    {
        Api.AnswerProblem("POST", "/api/v1/channels/team/test", 404, "No channel 'team'.");
        var panel = await RenderPanelAsync(rows: 1, Team);

        await panel.Find("[data-testid=channel-test]").ClickAsync(new());

        Assert.Equal("Not sent: No channel 'team'.", panel.Find("[data-testid=channel-test-result]").TextContent);
    }

    [Fact]
    public async Task A_new_channel_is_sent_with_only_the_fields_of_its_type_and_the_list_is_read_again()
    {
        var hook = new NotificationChannel
        {
            Id = "ci", Type = ChannelTypes.Webhook, Url = "https://ci.example.com/hook", Secret = "••••cret", Models = ["fraud"], RepeatInterval = Duration.FromMinutes(240),
        };
        Api.Answer<IReadOnlyList<NotificationChannel>>("GET", "/api/v1/channels", [], Json.IReadOnlyListNotificationChannel);
        Api.Answer("PUT", "/api/v1/channels/ci", hook, Json.NotificationChannel);
        var panel = Render<ChannelsPanel>();
        await Api.UntilRequestsAsync(1);
        await panel.WaitForAssertionAsync(() => Assert.Single(panel.FindAll("[data-testid=channel-add]")));

        await panel.Find("[data-testid=channel-add]").ClickAsync(new());
        await panel.Find("[data-testid=channel-id]").TypeAsync("ci");
        await panel.Find("[data-testid=channel-type]").ChooseAsync("webhook");
        await panel.Find("[data-testid=channel-url]").TypeAsync("https://ci.example.com/hook");
        await panel.Find("[data-testid=channel-secret]").TypeAsync("s3cret");
        await panel.Find("[data-testid=channel-models]").TypeAsync("fraud");
        await panel.Find("[data-testid=channel-min-severity]").ChooseAsync("Warning");
        Api.Answer<IReadOnlyList<NotificationChannel>>("GET", "/api/v1/channels", [hook], Json.IReadOnlyListNotificationChannel);
        await panel.Find("[data-testid=channel-form]").SubmitAsync();
        await Api.UntilRequestsAsync(3);

        Assert.Equal(
            [
                "GET /api/v1/channels",
                """PUT /api/v1/channels/ci {"id":null,"type":"webhook","url":"https://ci.example.com/hook","routingKey":null,"secret":"s3cret","minSeverity":"warning","models":["fraud"],"repeatInterval":null}""",
                "GET /api/v1/channels",
            ],
            Api.Requests);
        await panel.WaitForAssertionAsync(() =>
            Assert.Equal("https://ci.example.com/hook · signed", panel.Find("[data-testid=channel-row] .channel-destination").TextContent));
        Assert.Empty(panel.FindAll("[data-testid=channel-form]"));
    }

    [Fact]
    public async Task Editing_keeps_the_masked_secret_so_the_API_keeps_the_stored_one_and_a_refusal_names_the_field()
    {
        Api.Answer<IReadOnlyList<NotificationChannel>>("GET", "/api/v1/channels", [OnCall], Json.IReadOnlyListNotificationChannel);
        Api.AnswerInvalid("PUT", "/api/v1/channels/oncall", "url", "169.254.169.254 is a cloud metadata address; notifications are never sent there");
        var panel = await RenderPanelAsync(rows: 1);

        await panel.Find("[data-testid=channel-edit]").ClickAsync(new());
        await panel.Find("[data-testid=channel-url]").TypeAsync("http://169.254.169.254/");
        await panel.Find("[data-testid=channel-form]").SubmitAsync();

        Assert.Equal("""PUT /api/v1/channels/oncall {"id":null,"type":"pagerduty","url":"http://169.254.169.254/","routingKey":"\u2022\u2022\u2022\u20225678","secret":null,"minSeverity":"critical","models":["*"],"repeatInterval":"4h"}""",
            Api.Requests[1]);
        Assert.Equal("readonly", panel.Find("[data-testid=channel-id]").HasAttribute("readonly") ? "readonly" : "editable");
        Assert.Equal(["url: 169.254.169.254 is a cloud metadata address; notifications are never sent there"],
            panel.FindAll("[data-testid=channel-form-error] li").Select(item => item.TextContent));
    }

    private async Task<IRenderedComponent<ChannelsPanel>> RenderPanelAsync(int rows, params NotificationChannel[] channels)
    {
        if (channels.Length > 0)
        {
            Api.Answer<IReadOnlyList<NotificationChannel>>("GET", "/api/v1/channels", channels, Json.IReadOnlyListNotificationChannel);
        }
        var panel = Render<ChannelsPanel>();
        await panel.WaitForAssertionAsync(() => Assert.Equal(rows, panel.FindAll("[data-testid=channel-row]").Count));
        return panel;
    }
}

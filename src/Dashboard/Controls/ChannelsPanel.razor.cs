using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// The fleet's notification channels (<c>/api/v1/channels</c>): listed with their secrets masked as the API returns
/// them, added, edited and deleted, and tried with "send test" (<c>POST /api/v1/channels/{id}/test</c>), whose outcome
/// shows on the channel's row.
/// </summary>
public partial class ChannelsPanel
{
    private static readonly IReadOnlyList<AlertSeverity?> Severities = [AlertSeverity.Info, AlertSeverity.Warning, AlertSeverity.Critical];

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    private IReadOnlyList<NotificationChannel> Channels { get; set; } = [];

    private bool Loading { get; set; } = true;

    private string? ListError { get; set; }

    /// <summary>The channel being added or edited; null while the form is closed.</summary>
    private ChannelDraft? Draft { get; set; }

    private bool Saving { get; set; }

    private IReadOnlyList<string> FormErrors { get; set; } = [];

    private HashSet<string> Testing { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, ChannelTestOutcome> TestResults { get; } = new(StringComparer.Ordinal);

    protected override async Task OnInitializedAsync()
    {
        await ReloadAsync();
        Loading = false;
    }

    private static string Destination(NotificationChannel channel) => channel.Type switch
    {
        ChannelTypes.PagerDuty => $"{channel.Url ?? "PagerDuty"} · key {channel.RoutingKey}",
        ChannelTypes.Webhook or ChannelTypes.Retrain when channel.Secret is not null => $"{channel.Url} · signed",
        _ => channel.Url ?? "",
    };

    private async Task ReloadAsync()
    {
        try
        {
            Channels = [.. (await Client.ListChannelsAsync()).OrderBy(channel => channel.Id, StringComparer.Ordinal)];
            ListError = null;
        }
        catch (Exception failure) when (ProblemText.IsCallFailure(failure))
        {
            ListError = "Channels could not be read: " + string.Join("; ", ProblemText.Lines(failure));
        }
    }

    private void Add() => (Draft, FormErrors) = (new ChannelDraft(), []);

    private void Edit(NotificationChannel channel) => (Draft, FormErrors) = (ChannelDraft.From(channel), []);

    private void Cancel() => (Draft, FormErrors) = (null, []);

    private async Task SaveAsync()
    {
        if (Draft is not { } draft || Saving)
        {
            return;
        }
        FormErrors = draft.Validate();
        if (FormErrors.Count > 0)
        {
            return;
        }
        Saving = true;
        try
        {
            await Client.PutChannelAsync(draft.Id, draft.ToChannel());
            TestResults.Remove(draft.Id);
            Draft = null;
            await ReloadAsync();
        }
        catch (Exception failure) when (ProblemText.IsCallFailure(failure))
        {
            FormErrors = ProblemText.Lines(failure);
        }
        finally
        {
            Saving = false;
        }
    }

    /// <summary>The channel whose delete button was pressed once; the second press deletes it.</summary>
    private string? ConfirmingDelete { get; set; }

    private async Task DeleteAsync(string channelId)
    {
        if (ConfirmingDelete != channelId)
        {
            ConfirmingDelete = channelId;
            return;
        }
        ConfirmingDelete = null;
        try
        {
            await Client.DeleteChannelAsync(channelId);
            TestResults.Remove(channelId);
            await ReloadAsync();
        }
        catch (Exception failure) when (ProblemText.IsCallFailure(failure))
        {
            ListError = $"{channelId} was not deleted: " + string.Join("; ", ProblemText.Lines(failure));
        }
    }

    private async Task TestAsync(string channelId)
    {
        if (!Testing.Add(channelId))
        {
            return;
        }
        TestResults.Remove(channelId);
        try
        {
            TestResults[channelId] = ChannelTestOutcome.From(await Client.TestChannelAsync(channelId));
        }
        catch (Exception failure) when (ProblemText.IsCallFailure(failure))
        {
            TestResults[channelId] = new ChannelTestOutcome(false, "Not sent: " + string.Join("; ", ProblemText.Lines(failure)));
        }
        finally
        {
            Testing.Remove(channelId);
        }
    }
}

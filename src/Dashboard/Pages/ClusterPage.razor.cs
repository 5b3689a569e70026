using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Pages;

/// <summary>
/// The cluster (<c>GET /api/v1/cluster</c>), read again every <see cref="Refresh"/>: each silo, its role and state, and
/// the models active on it. While the API does not answer (a silo is being declared dead, the API node restarts) the
/// last view stays up under a "reconnecting" note, never an error page.
/// </summary>
public partial class ClusterPage : IDisposable
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource stopping = new();

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    private ClusterView? View { get; set; }

    private bool Reconnecting { get; set; }

    private string ReconnectDetail { get; set; } = "";

    protected override void OnInitialized() => _ = PollAsync(stopping.Token);

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Refresh);
        do
        {
            try
            {
                View = await Client.GetClusterAsync(cancellationToken);
                Reconnecting = false;
            }
            catch (Exception failure) when (ProblemText.IsCallFailure(failure) && !cancellationToken.IsCancellationRequested)
            {
                Reconnecting = true;
                ReconnectDetail = string.Join("; ", ProblemText.Lines(failure));
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await InvokeAsync(StateHasChanged);
        }
        while (await NextTick(timer, cancellationToken));
    }

    private static async Task<bool> NextTick(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string ModeText(string mode) => mode == ClusterModes.Redis
        ? "cluster on Redis: models move to another silo when theirs is lost"
        : "embedded: one process, localhost clustering";

    private static string ModelsText(SiloView silo) => silo.Models switch
    {
        null => "not answering",
        { Count: 0 } => "none",
        var models => $"{models.Count}: {string.Join(", ", models)}",
    };
}

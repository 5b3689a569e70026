using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Pages;

/// <summary>
/// Every model with its status, a page of <see cref="PageSize"/> at a time from <c>GET /api/v1/models</c>: the server
/// pages by id and filters (search as you type, status), and the table sorts the page on screen by any column. Next
/// follows the page's <c>Link</c> header; Previous goes back to the pages already seen.
/// </summary>
public partial class FleetPage : IDisposable
{
    public const int PageSize = 50;

    private readonly CancellationTokenSource stopping = new();
    private int loads;

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    private string? Search { get; set; }

    private ModelStatus? Status { get; set; }

    private ModelPage? Page { get; set; }

    /// <summary>The paths of the pages before the current one, nearest last; null stands for the first page.</summary>
    private Stack<string?> Previous { get; } = new();

    private string? CurrentPath { get; set; }

    private string SortKey { get; set; } = FleetTable.Id;

    private bool Descending { get; set; }

    private IReadOnlyList<ModelView> Rows { get; set; } = [];

    private string? Failure { get; set; }

    private bool Loaded { get; set; }

    protected override Task OnInitializedAsync() => LoadAsync(null);

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private Task SearchAsync(ChangeEventArgs change)
    {
        Search = change.Value is string text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
        Previous.Clear();
        return LoadAsync(null);
    }

    private Task FilterAsync(ChangeEventArgs change)
    {
        Status = Enum.TryParse<ModelStatus>(change.Value as string, out var status) ? status : null;
        Previous.Clear();
        return LoadAsync(null);
    }

    private Task NextAsync()
    {
        if (Page?.Next is not { } next)
        {
            return Task.CompletedTask;
        }
        Previous.Push(CurrentPath);
        return LoadAsync(next);
    }

    private Task PreviousAsync() => Previous.TryPop(out var path) ? LoadAsync(path) : Task.CompletedTask;

    /// <summary>Loads the page at <paramref name="path"/>, or the first of the current search and status; the latest load wins.</summary>
    private async Task LoadAsync(string? path)
    {
        var load = ++loads;
        try
        {
            var page = path is null
                ? await Client.ListModelsPageAsync(PageSize, Search, Status, stopping.Token)
                : await Client.GetModelPageAsync(path, stopping.Token);
            if (load != loads)
            {
                return;
            }
            (Page, CurrentPath, Failure) = (page, path, null);
        }
        catch (Exception failure) when (ProblemText.IsCallFailure(failure) && !stopping.IsCancellationRequested)
        {
            Failure = "The models could not be read: " + string.Join("; ", ProblemText.Lines(failure));
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Loaded = true;
        Rows = FleetTable.Sort(Page?.Models ?? [], SortKey, Descending);
    }

    private void SortBy(string key)
    {
        (SortKey, Descending) = (key, key == SortKey && !Descending);
        Rows = FleetTable.Sort(Page?.Models ?? [], SortKey, Descending);
    }

    private string AriaSort(FleetTable.Column column) => column.Key != SortKey ? "none" : Descending ? "descending" : "ascending";

    private string SortMark(FleetTable.Column column) => column.Key != SortKey ? "" : Descending ? "▼" : "▲";
}

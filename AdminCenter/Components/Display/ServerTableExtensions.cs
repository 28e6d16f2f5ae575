using MudBlazor;

namespace AdminCenter.Components.Display;

/// <summary>Shared behaviour of the server-paged tables (status report, sign-in logs).</summary>
public static class ServerTableExtensions
{
    /// <summary>New filters start at page 1: moving the table there loads it; on page 1 already, reload it.</summary>
    public static Task ReloadFromFirstPageAsync<T>(this MudTable<T>? table)
    {
        if (table is { CurrentPage: > 0 })
        {
            table.NavigateTo(0);
            return Task.CompletedTask;
        }
        return table?.ReloadServerData() ?? Task.CompletedTask;
    }
}

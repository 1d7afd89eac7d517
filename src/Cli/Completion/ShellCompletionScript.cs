namespace Orchestrator.Cli.Completion;

/// <summary>
/// The scripts <c>orch completion SHELL</c> prints. Each asks the same <c>orch</c> the user typed for the words that fit
/// through System.CommandLine's suggest directive (<c>orch "[suggest:POSITION]" "LINE"</c>), so completion follows the
/// command tree of the installed version and never goes stale.
/// </summary>
internal static class ShellCompletionScript
{
    public const string Bash = "bash";
    public const string Zsh = "zsh";

    public static readonly IReadOnlyList<string> Shells = [Bash, Zsh];

    public static string For(string shell) => shell switch
    {
        Bash => BashScript,
        Zsh => ZshScript,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, $"no completion script for {shell}; use one of {string.Join(", ", Shells)}"),
    };

    // COMP_LINE and COMP_POINT: the line up to the cursor, whatever word breaks bash applied; compgen keeps the candidates that start with the word under the cursor.
    private const string BashScript = """
        # orch completion for bash. Load it with: source <(orch completion bash)
        _orch_complete() {
            local IFS=$'\n'
            local candidates
            candidates="$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" || return 0
            COMPREPLY=($(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _orch_complete orch
        """;

    // words[1,CURRENT] is the command line up to the word under the cursor; compadd keeps what starts with that word.
    private const string ZshScript = """
        #compdef orch
        # orch completion for zsh. Load it with: source <(orch completion zsh)
        # (compinit must have run first), or save it as _orch in a directory of $fpath.
        _orch() {
            local line="${(j: :)words[1,CURRENT]}"
            local -a candidates
            candidates=("${(@f)$("${words[1]}" "[suggest:${#line}]" "${line}" 2>/dev/null)}")
            compadd -- "${candidates[@]}"
        }
        if [[ "${funcstack[1]}" == _orch ]]; then
            _orch "$@"
        else
            compdef _orch orch
        fi
        """;
}

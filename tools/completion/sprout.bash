# bash completion for sprout                                  -*- shell-script -*-
# Installed to share/bash-completion/completions/sprout. Commands, options and --format values
# are read from `sprout --help` and `sprout COMMAND --help`, and record kinds from
# `sprout schema`, so completion follows the installed version without being edited.

_sprout_help() { "${1}" "${@:2}" --help 2>/dev/null; }

_sprout() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    fi
    local prog=${words[0]} cmd="" i
    local -a args=()
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            -*) ;;
            *) if [[ -z $cmd ]]; then cmd=${words[i]}; else args+=("${words[i]}"); fi ;;
        esac
    done

    if [[ -z $cmd ]]; then
        local cmds
        cmds=$(_sprout_help "$prog" | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z-]*\).*/\1/p')
        COMPREPLY=($(compgen -W "$cmds --help --version" -- "$cur"))
        return
    fi

    local help
    help=$(_sprout_help "$prog" "$cmd")
    case $prev in
        --format)
            # "--format TEXT:{text,json}=text" → text json
            COMPREPLY=($(compgen -W "$(sed -n 's/.*--format [A-Z]*:{\([^}]*\)}.*/\1/p' <<<"$help" | tr ',' ' ')" -- "$cur"))
            return ;;
        -s|--source|-o|--out)
            COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null
            return ;;
        -p|--port|--bind|--git|-n|--nation|-a|--audience|--area)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(grep -o -- '--\?[a-zA-Z][a-zA-Z-]*' <<<"$(sed -n 's/^  \(-[^ ]*\).*/\1/p' <<<"$help" | tr ',' ' ')")" -- "$cur"))
        return
    fi
    if [[ $cmd == new && ${#args[@]} -eq 0 ]]; then
        COMPREPLY=($(compgen -W "$("$prog" schema 2>/dev/null | grep -o '#/\$defs/[a-z-]*' | sed 's|.*/||' | grep -vx site)" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null
} &&
    complete -F _sprout sprout

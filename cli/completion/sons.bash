# SPDX-License-Identifier: MIT
# bash completion for sons (installed as bash-completion/completions/sons).
_sons()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		cword=$COMP_CWORD
	fi
	local commands="check extract rules dossier audit"
	local options="--format -o --output --lang --referentiel --today --kind --jobs -q --quiet --summary --manifest --progress --no-progress --color --no-color -h --help --version"
	if [ "$cword" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
		return
	fi
	case $prev in
	--format)
		COMPREPLY=($(compgen -W "text json sarif junit csv html" -- "$cur"))
		return ;;
	--lang)
		COMPREPLY=($(compgen -W "fr en" -- "$cur"))
		return ;;
	--kind)
		COMPREPLY=($(compgen -W "devis bdc mom va" -- "$cur"))
		return ;;
	--referentiel)
		COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
		return ;;
	-o | --output | --manifest)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--today | --jobs)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$options" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -X '!*.@(docx|xlsx|odt|ods|pdf|DOCX|XLSX|ODT|ODS|PDF)' -- "$cur") \
		$(compgen -d -- "$cur"))
}
complete -F _sons sons

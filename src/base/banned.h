/* Functions with safer replacements in this codebase; using one is a compile error. */
#ifndef RP_BANNED_H
#define RP_BANNED_H

#define RP_BANNED(func) sorry_##func##_is_banned_in_rapport

#undef strcpy
#define strcpy(x, y) RP_BANNED(strcpy)
#undef strcat
#define strcat(x, y) RP_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) RP_BANNED(strncpy)
#undef sprintf
#define sprintf(...) RP_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) RP_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) RP_BANNED(strtok)
#undef gmtime
#define gmtime(t) RP_BANNED(gmtime)
#undef localtime
#define localtime(t) RP_BANNED(localtime)
#undef atoi
#define atoi(s) RP_BANNED(atoi)
#undef atol
#define atol(s) RP_BANNED(atol)

#endif

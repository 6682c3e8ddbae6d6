export const id = 508;
export const ids = [508];
export const modules = {

/***/ 7508:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ exec)
/* harmony export */ });
/* unused harmony export getExecOutput */
let real;
const load = () => (real ??= __webpack_require__.e(/* import() */ 955).then(__webpack_require__.bind(__webpack_require__, 1955)));
const exec = async (...args) => (await load()).exec(...args);
const getExecOutput = async (...args) => (await load()).getExecOutput(...args);


/***/ })

};

var D=globalThis,L=D.ShadowRoot&&(D.ShadyCSS===void 0||D.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,F=Symbol(),ht=new WeakMap,k=class{constructor(t,e,s){if(this._$cssResult$=!0,s!==F)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o,e=this.t;if(L&&t===void 0){let s=e!==void 0&&e.length===1;s&&(t=ht.get(e)),t===void 0&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),s&&ht.set(e,t))}return t}toString(){return this.cssText}},dt=i=>new k(typeof i=="string"?i:i+"",void 0,F),q=(i,...t)=>{let e=i.length===1?i[0]:t.reduce((s,r,n)=>s+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(r)+i[n+1],i[0]);return new k(e,i,F)},pt=(i,t)=>{if(L)i.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let e of t){let s=document.createElement("style"),r=D.litNonce;r!==void 0&&s.setAttribute("nonce",r),s.textContent=e.cssText,i.appendChild(s)}},V=L?i=>i:i=>i instanceof CSSStyleSheet?(t=>{let e="";for(let s of t.cssRules)e+=s.cssText;return dt(e)})(i):i;var{is:Ot,defineProperty:Rt,getOwnPropertyDescriptor:Ht,getOwnPropertyNames:Dt,getOwnPropertySymbols:Lt,getPrototypeOf:qt}=Object,j=globalThis,ut=j.trustedTypes,jt=ut?ut.emptyScript:"",zt=j.reactiveElementPolyfillSupport,P=(i,t)=>i,K={toAttribute(i,t){switch(t){case Boolean:i=i?jt:null;break;case Object:case Array:i=i==null?i:JSON.stringify(i)}return i},fromAttribute(i,t){let e=i;switch(t){case Boolean:e=i!==null;break;case Number:e=i===null?null:Number(i);break;case Object:case Array:try{e=JSON.parse(i)}catch{e=null}}return e}},ft=(i,t)=>!Ot(i,t),mt={attribute:!0,type:String,converter:K,reflect:!1,useDefault:!1,hasChanged:ft};Symbol.metadata??=Symbol("metadata"),j.litPropertyMetadata??=new WeakMap;var _=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=mt){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){let s=Symbol(),r=this.getPropertyDescriptor(t,s,e);r!==void 0&&Rt(this.prototype,t,r)}}static getPropertyDescriptor(t,e,s){let{get:r,set:n}=Ht(this.prototype,t)??{get(){return this[e]},set(o){this[e]=o}};return{get:r,set(o){let h=r?.call(this);n?.call(this,o),this.requestUpdate(t,h,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??mt}static _$Ei(){if(this.hasOwnProperty(P("elementProperties")))return;let t=qt(this);t.finalize(),t.l!==void 0&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(P("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(P("properties"))){let e=this.properties,s=[...Dt(e),...Lt(e)];for(let r of s)this.createProperty(r,e[r])}let t=this[Symbol.metadata];if(t!==null){let e=litPropertyMetadata.get(t);if(e!==void 0)for(let[s,r]of e)this.elementProperties.set(s,r)}this._$Eh=new Map;for(let[e,s]of this.elementProperties){let r=this._$Eu(e,s);r!==void 0&&this._$Eh.set(r,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){let e=[];if(Array.isArray(t)){let s=new Set(t.flat(1/0).reverse());for(let r of s)e.unshift(V(r))}else t!==void 0&&e.push(V(t));return e}static _$Eu(t,e){let s=e.attribute;return s===!1?void 0:typeof s=="string"?s:typeof t=="string"?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),this.renderRoot!==void 0&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){let t=new Map,e=this.constructor.elementProperties;for(let s of e.keys())this.hasOwnProperty(s)&&(t.set(s,this[s]),delete this[s]);t.size>0&&(this._$Ep=t)}createRenderRoot(){let t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return pt(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,s){this._$AK(t,s)}_$ET(t,e){let s=this.constructor.elementProperties.get(t),r=this.constructor._$Eu(t,s);if(r!==void 0&&s.reflect===!0){let n=(s.converter?.toAttribute!==void 0?s.converter:K).toAttribute(e,s.type);this._$Em=t,n==null?this.removeAttribute(r):this.setAttribute(r,n),this._$Em=null}}_$AK(t,e){let s=this.constructor,r=s._$Eh.get(t);if(r!==void 0&&this._$Em!==r){let n=s.getPropertyOptions(r),o=typeof n.converter=="function"?{fromAttribute:n.converter}:n.converter?.fromAttribute!==void 0?n.converter:K;this._$Em=r;let h=o.fromAttribute(e,n.type);this[r]=h??this._$Ej?.get(r)??h,this._$Em=null}}requestUpdate(t,e,s,r=!1,n){if(t!==void 0){let o=this.constructor;if(r===!1&&(n=this[t]),s??=o.getPropertyOptions(t),!((s.hasChanged??ft)(n,e)||s.useDefault&&s.reflect&&n===this._$Ej?.get(t)&&!this.hasAttribute(o._$Eu(t,s))))return;this.C(t,e,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(t,e,{useDefault:s,reflect:r,wrapped:n},o){s&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,o??e??this[t]),n!==!0||o!==void 0)||(this._$AL.has(t)||(this.hasUpdated||s||(e=void 0),this._$AL.set(t,e)),r===!0&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let t=this.scheduleUpdate();return t!=null&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[r,n]of this._$Ep)this[r]=n;this._$Ep=void 0}let s=this.constructor.elementProperties;if(s.size>0)for(let[r,n]of s){let{wrapped:o}=n,h=this[r];o!==!0||this._$AL.has(r)||h===void 0||this.C(r,void 0,n,h)}}let t=!1,e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(e)):this._$EM()}catch(s){throw t=!1,this._$EM(),s}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(t){}firstUpdated(t){}};_.elementStyles=[],_.shadowRootOptions={mode:"open"},_[P("elementProperties")]=new Map,_[P("finalized")]=new Map,zt?.({ReactiveElement:_}),(j.reactiveElementVersions??=[]).push("2.1.2");var tt=globalThis,_t=i=>i,z=tt.trustedTypes,$t=z?z.createPolicy("lit-html",{createHTML:i=>i}):void 0,At="$lit$",g=`lit$${Math.random().toFixed(9).slice(2)}$`,xt="?"+g,Bt=`<${xt}>`,x=document,U=()=>x.createComment(""),N=i=>i===null||typeof i!="object"&&typeof i!="function",et=Array.isArray,It=i=>et(i)||typeof i?.[Symbol.iterator]=="function",J=`[ 	
\f\r]`,T=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,gt=/-->/g,vt=/>/g,w=RegExp(`>|${J}(?:([^\\s"'>=/]+)(${J}*=${J}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),yt=/'/g,bt=/"/g,St=/^(?:script|style|textarea|title)$/i,st=i=>(t,...e)=>({_$litType$:i,strings:t,values:e}),u=st(1),re=st(2),ne=st(3),S=Symbol.for("lit-noChange"),c=Symbol.for("lit-nothing"),wt=new WeakMap,A=x.createTreeWalker(x,129);function Et(i,t){if(!et(i)||!i.hasOwnProperty("raw"))throw Error("invalid template strings array");return $t!==void 0?$t.createHTML(t):t}var Wt=(i,t)=>{let e=i.length-1,s=[],r,n=t===2?"<svg>":t===3?"<math>":"",o=T;for(let h=0;h<e;h++){let a=i[h],d,p,l=-1,f=0;for(;f<a.length&&(o.lastIndex=f,p=o.exec(a),p!==null);)f=o.lastIndex,o===T?p[1]==="!--"?o=gt:p[1]!==void 0?o=vt:p[2]!==void 0?(St.test(p[2])&&(r=RegExp("</"+p[2],"g")),o=w):p[3]!==void 0&&(o=w):o===w?p[0]===">"?(o=r??T,l=-1):p[1]===void 0?l=-2:(l=o.lastIndex-p[2].length,d=p[1],o=p[3]===void 0?w:p[3]==='"'?bt:yt):o===bt||o===yt?o=w:o===gt||o===vt?o=T:(o=w,r=void 0);let $=o===w&&i[h+1].startsWith("/>")?" ":"";n+=o===T?a+Bt:l>=0?(s.push(d),a.slice(0,l)+At+a.slice(l)+g+$):a+g+(l===-2?h:$)}return[Et(i,n+(i[e]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),s]},O=class i{constructor({strings:t,_$litType$:e},s){let r;this.parts=[];let n=0,o=0,h=t.length-1,a=this.parts,[d,p]=Wt(t,e);if(this.el=i.createElement(d,s),A.currentNode=this.el.content,e===2||e===3){let l=this.el.content.firstChild;l.replaceWith(...l.childNodes)}for(;(r=A.nextNode())!==null&&a.length<h;){if(r.nodeType===1){if(r.hasAttributes())for(let l of r.getAttributeNames())if(l.endsWith(At)){let f=p[o++],$=r.getAttribute(l).split(g),H=/([.?@])?(.*)/.exec(f);a.push({type:1,index:n,name:H[2],strings:$,ctor:H[1]==="."?Z:H[1]==="?"?G:H[1]==="@"?Q:C}),r.removeAttribute(l)}else l.startsWith(g)&&(a.push({type:6,index:n}),r.removeAttribute(l));if(St.test(r.tagName)){let l=r.textContent.split(g),f=l.length-1;if(f>0){r.textContent=z?z.emptyScript:"";for(let $=0;$<f;$++)r.append(l[$],U()),A.nextNode(),a.push({type:2,index:++n});r.append(l[f],U())}}}else if(r.nodeType===8)if(r.data===xt)a.push({type:2,index:n});else{let l=-1;for(;(l=r.data.indexOf(g,l+1))!==-1;)a.push({type:7,index:n}),l+=g.length-1}n++}}static createElement(t,e){let s=x.createElement("template");return s.innerHTML=t,s}};function E(i,t,e=i,s){if(t===S)return t;let r=s!==void 0?e._$Co?.[s]:e._$Cl,n=N(t)?void 0:t._$litDirective$;return r?.constructor!==n&&(r?._$AO?.(!1),n===void 0?r=void 0:(r=new n(i),r._$AT(i,e,s)),s!==void 0?(e._$Co??=[])[s]=r:e._$Cl=r),r!==void 0&&(t=E(i,r._$AS(i,t.values),r,s)),t}var X=class{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){let{el:{content:e},parts:s}=this._$AD,r=(t?.creationScope??x).importNode(e,!0);A.currentNode=r;let n=A.nextNode(),o=0,h=0,a=s[0];for(;a!==void 0;){if(o===a.index){let d;a.type===2?d=new R(n,n.nextSibling,this,t):a.type===1?d=new a.ctor(n,a.name,a.strings,this,t):a.type===6&&(d=new Y(n,this,t)),this._$AV.push(d),a=s[++h]}o!==a?.index&&(n=A.nextNode(),o++)}return A.currentNode=x,r}p(t){let e=0;for(let s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(t,s,e),e+=s.strings.length-2):s._$AI(t[e])),e++}},R=class i{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,s,r){this.type=2,this._$AH=c,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=s,this.options=r,this._$Cv=r?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode,e=this._$AM;return e!==void 0&&t?.nodeType===11&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=E(this,t,e),N(t)?t===c||t==null||t===""?(this._$AH!==c&&this._$AR(),this._$AH=c):t!==this._$AH&&t!==S&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):It(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==c&&N(this._$AH)?this._$AA.nextSibling.data=t:this.T(x.createTextNode(t)),this._$AH=t}$(t){let{values:e,_$litType$:s}=t,r=typeof s=="number"?this._$AC(t):(s.el===void 0&&(s.el=O.createElement(Et(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===r)this._$AH.p(e);else{let n=new X(r,this),o=n.u(this.options);n.p(e),this.T(o),this._$AH=n}}_$AC(t){let e=wt.get(t.strings);return e===void 0&&wt.set(t.strings,e=new O(t)),e}k(t){et(this._$AH)||(this._$AH=[],this._$AR());let e=this._$AH,s,r=0;for(let n of t)r===e.length?e.push(s=new i(this.O(U()),this.O(U()),this,this.options)):s=e[r],s._$AI(n),r++;r<e.length&&(this._$AR(s&&s._$AB.nextSibling,r),e.length=r)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){let s=_t(t).nextSibling;_t(t).remove(),t=s}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}},C=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,s,r,n){this.type=1,this._$AH=c,this._$AN=void 0,this.element=t,this.name=e,this._$AM=r,this.options=n,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=c}_$AI(t,e=this,s,r){let n=this.strings,o=!1;if(n===void 0)t=E(this,t,e,0),o=!N(t)||t!==this._$AH&&t!==S,o&&(this._$AH=t);else{let h=t,a,d;for(t=n[0],a=0;a<n.length-1;a++)d=E(this,h[s+a],e,a),d===S&&(d=this._$AH[a]),o||=!N(d)||d!==this._$AH[a],d===c?t=c:t!==c&&(t+=(d??"")+n[a+1]),this._$AH[a]=d}o&&!r&&this.j(t)}j(t){t===c?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}},Z=class extends C{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===c?void 0:t}},G=class extends C{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==c)}},Q=class extends C{constructor(t,e,s,r,n){super(t,e,s,r,n),this.type=5}_$AI(t,e=this){if((t=E(this,t,e,0)??c)===S)return;let s=this._$AH,r=t===c&&s!==c||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,n=t!==c&&(s===c||r);r&&this.element.removeEventListener(this.name,this,s),n&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}},Y=class{constructor(t,e,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){E(this,t)}};var Ft=tt.litHtmlPolyfillSupport;Ft?.(O,R),(tt.litHtmlVersions??=[]).push("3.3.3");var Ct=(i,t,e)=>{let s=e?.renderBefore??t,r=s._$litPart$;if(r===void 0){let n=e?.renderBefore??null;s._$litPart$=r=new R(t.insertBefore(U(),n),n,void 0,e??{})}return r._$AI(i),r};var it=globalThis,v=class extends _{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){let e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=Ct(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return S}};v._$litElement$=!0,v.finalized=!0,it.litElementHydrateSupport?.({LitElement:v});var Vt=it.litElementPolyfillSupport;Vt?.({LitElement:v});(it.litElementVersions??=[]).push("4.2.2");var B=new Set,y=null,M=null,Mt=null;function Kt(){let i=y?[...y.values()]:null;for(let t of B)t(i)}function Jt(i){i.services?y=new Map(i.services.map(t=>[t.entry_id,t])):i.service&&y&&y.set(i.service.entry_id,i.service),Kt()}function kt(i,t){return B.add(t),y&&t([...y.values()]),(!M||Mt!==i.connection)&&(Mt=i.connection,M=i.connection.subscribeMessage(Jt,{type:"medianest/dashboard/subscribe"}).catch(e=>{M=null,console.error("MediaNest: the dashboard subscription failed",e)})),()=>{if(B.delete(t),B.size===0&&M){let e=M;M=null,y=null,e.then(s=>s&&s())}}}function Pt(i){return new Promise((t,e)=>{let s;i.connection.subscribeMessage(r=>{r.services&&(t(r.services),Promise.resolve(s).then(n=>n&&n()))},{type:"medianest/dashboard/subscribe"}).then(r=>s=r,e)})}var rt={en:{now_playing:"Now playing",nothing_playing:"Nothing is playing",coming_up:"Coming up",nothing_coming:"Nothing coming up",requests:"Requests",no_requests:"No request is waiting for approval",approve:"Approve",decline:"Decline",downloads:"Downloads",no_downloads:"Nothing is downloading",cancel:"Cancel",stack_health:"Stack health",up:"up",down:"down",paused:"paused",pending:"pending",maintenance:"maintenance",unreachable:"not reachable",today:"Today",tomorrow:"Tomorrow",left:"left",ago:"ago",more:"more",latest:"Latest on Plex",media:"Media stack"}};function m(i,t){let e=(i?.locale?.language||i?.language||"en").split("-")[0];return(rt[e]||rt.en)[t]??rt.en[t]??t}var I=i=>i?.locale?.language||i?.language||"en";function Tt(i,t){let e=new Intl.RelativeTimeFormat(I(i),{numeric:"auto",style:"short"}),s=Math.abs(t);return s<60?e.format(Math.round(t),"second"):s<3600?e.format(Math.round(t/60),"minute"):s<86400?e.format(Math.round(t/3600),"hour"):e.format(Math.round(t/86400),"day")}function Xt(i,t){let e=t.all_day?new Date(`${t.start.slice(0,10)}T00:00:00`):new Date(t.start),s=new Date;s.setHours(0,0,0,0);let r=new Date(e);r.setHours(0,0,0,0);let n=Math.round((r-s)/864e5),o;if(n===0||n===1)o=new Intl.RelativeTimeFormat(I(i),{numeric:"auto"}).format(n,"day"),o=o.charAt(0).toUpperCase()+o.slice(1);else{let h=n>0&&n<7?{weekday:"short"}:{weekday:"short",day:"numeric",month:"short"};o=new Intl.DateTimeFormat(I(i),h).format(r)}return t.all_day||(o+=" "+new Intl.DateTimeFormat(I(i),{hour:"numeric",minute:"2-digit"}).format(e)),o}function Zt(i){return i==null?"":i>=1e6?`${(i/1e6).toFixed(1)} MB/s`:`${Math.round(i/1e3)} kB/s`}function Gt(i){let t=/^(?:(\d+)\.)?(\d+):(\d{2}):(\d{2})/.exec(i||"");if(!t)return null;let[,e,s,r,n]=t.map(o=>Number(o||0));return((e*24+s)*60+r)*60+n}var Ut=q`
  :host {
    display: block;
  }
  ha-card {
    height: 100%;
  }
  .header {
    padding: 16px 16px 0;
    font-size: var(--ha-card-header-font-size, 1.25rem);
    font-weight: 500;
    color: var(--ha-card-header-color, var(--primary-text-color));
  }
  .content {
    padding: 8px 16px 16px;
  }
  .empty {
    color: var(--secondary-text-color);
    padding: 8px 0;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 8px 0;
    border-bottom: 1px solid var(--divider-color);
  }
  .row:last-child {
    border-bottom: none;
  }
  .grow {
    flex: 1;
    min-width: 0;
  }
  .title {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--primary-text-color);
  }
  .sub {
    font-size: 0.875rem;
    color: var(--secondary-text-color);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .bar {
    height: 4px;
    border-radius: 2px;
    background: var(--divider-color);
    overflow: hidden;
    margin-top: 4px;
  }
  .bar > div {
    height: 100%;
    background: var(--primary-color);
    transition: width 0.5s;
  }
  .actions {
    display: flex;
    gap: 8px;
    margin-top: 6px;
  }
  button {
    font: inherit;
    font-size: 0.875rem;
    border: none;
    border-radius: 18px;
    padding: 6px 14px;
    cursor: pointer;
    color: var(--text-primary-color, #fff);
    background: var(--primary-color);
  }
  button.secondary {
    color: var(--primary-color);
    background: transparent;
    border: 1px solid var(--primary-color);
  }
  button[disabled] {
    opacity: 0.5;
    cursor: default;
  }
  .poster {
    width: 48px;
    height: 72px;
    border-radius: 4px;
    object-fit: cover;
    background: var(--secondary-background-color);
    flex: none;
  }
`,b=class extends v{static properties={hass:{attribute:!1},_config:{state:!0},_services:{state:!0}};static styles=Ut;static kinds=[];static getConfigForm(){return{schema:[{name:"entry_id",selector:{config_entry:{integration:"medianest"}}},{name:"max_items",selector:{number:{min:1,max:50,mode:"box"}}}]}}setConfig(t){this._config={max_items:10,...t}}getCardSize(){return 3}connectedCallback(){super.connectedCallback(),this.hass&&this._subscribe()}disconnectedCallback(){super.disconnectedCallback(),this._unsubscribe?.(),this._unsubscribe=null}updated(t){t.has("hass")&&this.hass&&!this._unsubscribe&&this._subscribe()}_subscribe(){this._unsubscribe=kt(this.hass,t=>this._services=t)}sections(){let t=this.constructor.kinds;return(this._services||[]).filter(e=>t.includes(e.kind)&&(!this._config.entry_id||e.entry_id===this._config.entry_id))}card(t,e){return u`<ha-card>
      <div class="header">${t}</div>
      <div class="content">${e}</div>
    </ha-card>`}bar(t){let e=Math.max(0,Math.min(100,t??0));return u`<div class="bar" role="progressbar" aria-valuenow=${Math.round(e)}>
      <div style="width:${e}%"></div>
    </div>`}},nt=class extends b{static kinds=["plex"];render(){if(!this._services)return c;let t=this.sections().flatMap(e=>(e.playing||[]).map(s=>({...s,server:e.title})));return t.length?this.card(m(this.hass,"now_playing"),t.slice(0,this._config.max_items).map(e=>u`<div class="row session">
          <ha-icon icon=${e.state==="paused"?"mdi:pause-circle":"mdi:play-circle"}></ha-icon>
          <div class="grow">
            <div class="title">${e.title}</div>
            <div class="sub">${[e.user,e.player].filter(Boolean).join(" \xB7 ")}</div>
          </div>
        </div>`)):c}},ot=class extends b{static kinds=["sonarr","radarr"];render(){if(!this._services)return c;let t=this.sections().flatMap(e=>(e.upcoming||[]).map(s=>({...s,service:e.title}))).sort((e,s)=>e.start.localeCompare(s.start)).slice(0,this._config.max_items);return this.card(m(this.hass,"coming_up"),t.length?t.map(e=>u`<div class="row upcoming">
              <div class="grow">
                <div class="title">${e.title}</div>
                <div class="sub">${e.subtitle||e.service}</div>
              </div>
              <div class="sub when">${Xt(this.hass,e)}</div>
            </div>`):u`<div class="empty">${m(this.hass,"nothing_coming")}</div>`)}},at=class extends b{static kinds=["seerr"];static properties={...b.properties,_busy:{state:!0}};async _decide(t,e,s){this._busy=e.id;try{await this.hass.callService("medianest",`${s}_request`,{config_entry_id:t.entry_id,request_id:e.id})}catch(r){this.dispatchEvent(new CustomEvent("hass-notification",{detail:{message:r.message},bubbles:!0,composed:!0}))}finally{this._busy=null}}render(){if(!this._services)return c;let t=this.hass?.user?.is_admin,e=this.sections().flatMap(r=>(r.pending||[]).map(n=>[r,n])),s=Date.now();return this.card(m(this.hass,"requests"),e.length?e.slice(0,this._config.max_items).map(([r,n])=>u`<div class="row request">
              <div class="grow">
                <div class="title">${n.title||"?"}${n.year?` (${n.year})`:""}</div>
                <div class="sub">
                  ${[n.requested_by,n.created?Tt(this.hass,(Date.parse(n.created)-s)/1e3):null].filter(Boolean).join(" \xB7 ")}
                </div>
                ${t?u`<div class="actions">
                      ${["approve","decline"].map(o=>u`<button
                          class="${o} ${o==="decline"?"secondary":""}"
                          ?disabled=${this._busy===n.id}
                          @click=${()=>this._decide(r,n,o)}
                        >
                          ${m(this.hass,o)}
                        </button>`)}
                    </div>`:c}
              </div>
            </div>`):u`<div class="empty">${m(this.hass,"no_requests")}</div>`)}},ct=class extends b{static kinds=["sonarr","radarr","qbittorrent","downloader"];items(){let t=[];for(let e of this.sections()){for(let s of e.queue||[])t.push({title:s.title,service:e.title,progress:s.progress,left:Gt(s.time_left),state:s.state||s.status});for(let s of e.torrents||[])t.push({title:s.name,service:e.title,progress:s.progress,left:s.eta,speed:s.speed,state:s.state});for(let s of e.downloads||[])s.finished||t.push({title:s.title,service:e.title,progress:s.progress,left:s.eta,speed:s.speed,state:s.status,cancel:{config_entry_id:e.entry_id,download_id:s.id}})}return t.sort((e,s)=>(e.left??1/0)-(s.left??1/0))}render(){if(!this._services)return c;let t=this.items();return this.card(m(this.hass,"downloads"),t.length?t.slice(0,this._config.max_items).map(e=>u`<div class="row download">
              <div class="grow">
                <div class="title">${e.title}</div>
                <div class="sub">
                  ${[e.service,e.progress!=null?`${Math.round(e.progress)} %`:null,Zt(e.speed),e.left!=null?`${Tt(this.hass,e.left)}`:null,e.state].filter(Boolean).join(" \xB7 ")}
                </div>
                ${this.bar(e.progress)}
              </div>
              ${e.cancel?u`<button
                    class="secondary"
                    @click=${()=>this.hass.callService("medianest","cancel_download",e.cancel)}
                  >
                    ${m(this.hass,"cancel")}
                  </button>`:c}
            </div>`):u`<div class="empty">${m(this.hass,"no_downloads")}</div>`)}},lt=class extends b{static kinds=["plex","seerr","sonarr","radarr","prowlarr","qbittorrent","uptime_kuma","downloader"];static styles=[Ut,q`
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 4px 12px;
        border-radius: 16px;
        font-size: 0.875rem;
        background: var(--secondary-background-color);
        color: var(--primary-text-color);
        cursor: pointer;
        border: 1px solid var(--divider-color);
      }
      .dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--success-color, #43a047);
      }
      .chip.down .dot {
        background: var(--error-color, #db4437);
      }
      .chip.paused .dot,
      .chip.pending .dot,
      .chip.maintenance .dot {
        background: var(--warning-color, #ffa600);
      }
    `];_open(t){t&&(history.pushState(null,"",`/config/devices/device/${t}`),window.dispatchEvent(new CustomEvent("location-changed")))}render(){if(!this._services)return c;let t=[];for(let e of this.sections()){t.push({name:e.title,status:e.available?"up":"down",device:e.device_id});for(let s of e.monitors||[])t.push({name:s.name,status:s.status||"pending",device:s.device_id,ms:s.response_time})}return this.card(m(this.hass,"stack_health"),u`<div class="chips">
        ${t.map(e=>u`<span
            class="chip ${e.status}"
            role="button"
            title="${e.name}: ${m(this.hass,e.status==="down"?"unreachable":e.status)}"
            @click=${()=>this._open(e.device)}
            ><span class="dot"></span>${e.name}${e.ms!=null?u` · ${Math.round(e.ms)} ms`:c}</span
          >`)}
      </div>`)}},Nt={"medianest-now-playing":[nt,"Now playing","Who watches what on Plex (hidden while idle)"],"medianest-coming-up":[ot,"Coming up","Episodes and movies Sonarr and Radarr expect"],"medianest-requests":[at,"Requests","Seerr requests waiting, with Approve and Decline"],"medianest-downloads":[ct,"Downloads","Everything downloading across the stack"],"medianest-stack-health":[lt,"Stack health","Every service and Uptime Kuma monitor"]};var Qt={"medianest-now-playing":["plex"],"medianest-requests":["seerr"],"medianest-downloads":["sonarr","radarr","qbittorrent","downloader"],"medianest-coming-up":["sonarr","radarr"],"medianest-stack-health":null};function Yt(i){let t=new Set(i.map(e=>e.kind));return Object.entries(Qt).filter(([,e])=>e===null?t.size>0:e.some(s=>t.has(s))).map(([e])=>({type:`custom:${e}`}))}var W=class extends HTMLElement{static async generate(t,e){let s=await Pt(e);return{title:m(e,"media"),views:[{title:m(e,"media"),path:"media",icon:"mdi:multimedia",cards:Yt(s)}]}}};for(let[i,[t,e,s]]of Object.entries(Nt))customElements.get(i)||customElements.define(i,t),window.customCards=window.customCards||[],window.customCards.some(r=>r.type===i)||window.customCards.push({type:i,name:`MediaNest: ${e}`,description:s,preview:!0});customElements.get("ll-strategy-dashboard-medianest")||customElements.define("ll-strategy-dashboard-medianest",W);
